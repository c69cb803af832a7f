-- DittoFS metadata schema, version 2: extended attributes and persistent protocol state.

-- Extended attributes (named streams) of an inode; removed with it by the store.
CREATE TABLE xattrs (
    file_id bigint NOT NULL,
    name    text COLLATE "C" NOT NULL,   -- bytewise order is UTF-8 order
    value   bytea NOT NULL,              -- at most 64 KiB (Xattrs.MAX_VALUE_BYTES)
    PRIMARY KEY (file_id, name)
);

-- Protocol state that must survive a restart: NFSv4 client records, NSM hosts, durable handles.
CREATE TABLE state_records (
    kind  text COLLATE "C" NOT NULL,
    key   bytea NOT NULL,                -- bytea orders as unsigned bytes
    value bytea NOT NULL,
    PRIMARY KEY (kind, key)
);
