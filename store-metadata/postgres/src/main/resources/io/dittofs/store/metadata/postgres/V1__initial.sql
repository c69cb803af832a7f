-- DittoFS metadata schema, version 1. Applied once per schema by Migrations, in one transaction.

-- One row per inode. Times are nanoseconds since the Unix epoch.
CREATE TABLE inodes (
    file_id         bigint   PRIMARY KEY,
    generation      integer  NOT NULL,
    type            smallint NOT NULL,   -- 1 regular, 2 directory, 3 symlink, 4 block, 5 char, 6 socket, 7 fifo
    mode            integer  NOT NULL,
    uid             integer  NOT NULL,
    gid             integer  NOT NULL,
    nlink           integer  NOT NULL,
    size            bigint   NOT NULL,
    atime           bigint   NOT NULL,
    mtime           bigint   NOT NULL,
    ctime           bigint   NOT NULL,
    birthtime       bigint   NOT NULL,
    change          bigint   NOT NULL,
    dos_attributes  integer  NOT NULL,
    rdev            bigint   NOT NULL,
    parent_id       bigint   NOT NULL,
    create_verifier bigint   NOT NULL,
    symlink_target  text,
    CHECK ((type = 3) = (symlink_target IS NOT NULL))
);

-- A directory's next cookie: only grows, so cookies are never reused.
CREATE TABLE directories (
    dir_id      bigint PRIMARY KEY,
    next_cookie bigint NOT NULL
);

-- Directory entries; names compare bytewise (collation "C").
CREATE TABLE entries (
    dir_id   bigint NOT NULL,
    name     text COLLATE "C" NOT NULL,
    child_id bigint NOT NULL,
    cookie   bigint NOT NULL,
    folded   text COLLATE "C" NOT NULL,  -- NameFolding.fold(name), for case-insensitive lookups
    PRIMARY KEY (dir_id, name)
);
-- readdir: a range scan in cookie order that needs no heap access.
CREATE UNIQUE INDEX entries_by_cookie ON entries (dir_id, cookie) INCLUDE (name, child_id);
-- case-insensitive lookup, in cookie order.
CREATE INDEX entries_by_folded ON entries (dir_id, folded, cookie);

-- File ids; 1 is the root's, never allocated. Sequences are not transactional: an aborted
-- transaction's ids are skipped, never reused.
CREATE SEQUENCE file_ids START WITH 2 MINVALUE 2;

-- Updated by sync() to force a synchronous commit that flushes the WAL.
CREATE TABLE sync_marker (
    id integer PRIMARY KEY,
    n  bigint  NOT NULL
);
INSERT INTO sync_marker VALUES (1, 0);
