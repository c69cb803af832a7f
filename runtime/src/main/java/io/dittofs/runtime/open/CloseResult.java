package io.dittofs.runtime.open;

/**
 * What a close left behind: whether it was the last open of the file, and whether the file was
 * delete-pending then, in which case the caller removes it (MS-FSA 2.1.5.4: the delete happens
 * when the last handle closes).
 */
public record CloseResult(boolean lastClose, boolean deleteNow) {}
