-- DittoFS metadata schema, version 4: packs of small chunks.

-- Where a chunk lies in a pack: its stored bytes [object_offset, object_offset + stored_length) of
-- the object, and the CRC-32C of its sealed frame. stored_length 0: the chunk is a whole object
-- (every row written before this version).
ALTER TABLE chunks
    ADD COLUMN object_offset bigint  NOT NULL DEFAULT 0,
    ADD COLUMN stored_length integer NOT NULL DEFAULT 0,
    ADD COLUMN frame_crc     integer NOT NULL DEFAULT 0;

-- One row per pack object, with how many of its chunks the chunk index still points at.
CREATE TABLE content_packs (
    pack_key    text    PRIMARY KEY COLLATE "C",
    chunks      integer NOT NULL,
    bytes       bigint  NOT NULL,
    live_chunks integer NOT NULL,
    live_bytes  bigint  NOT NULL,
    empty_since bigint  NOT NULL
);
