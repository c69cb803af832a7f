-- DittoFS metadata schema, version 2: the block pipeline's content map and chunk index.

-- One row per extent: bytes [file_offset, file_offset + length) of a file are one whole chunk.
CREATE TABLE content_extents (
    file_id     bigint  NOT NULL,
    file_offset bigint  NOT NULL,
    length      integer NOT NULL,
    chunk_id    text    NOT NULL,
    PRIMARY KEY (file_id, file_offset)
);

-- One row per stored chunk, with the count of extents that refer to it.
CREATE TABLE chunks (
    chunk_id           text    PRIMARY KEY COLLATE "C",
    object_key         text    NOT NULL,
    length             integer NOT NULL,
    ref_count          bigint  NOT NULL,
    unreferenced_since bigint  NOT NULL
);
