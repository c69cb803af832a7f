package io.dittofs.store.block.pipeline.seal;

/**
 * Where one frame of a sealed object lies: its bytes in the plaintext and its sealed bytes in the
 * stored object. A pack writer keeps these in its chunk index, so a cold read of one chunk is one
 * ranged GET of exactly its sealed frame ({@link SealingBlockStore#readFrame}).
 *
 * @param crc32c CRC-32C of the sealed frame's stored bytes, as the object's frame index records it
 */
public record FrameLocation(
        int index, long plainOffset, int plainLength, long storedOffset, int storedLength, int crc32c) {}
