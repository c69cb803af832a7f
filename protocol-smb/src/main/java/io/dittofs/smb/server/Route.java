package io.dittofs.smb.server;

/**
 * A row of the dispatch table: the handler and what must be resolved before it runs.
 *
 * @param handler the command's handler
 * @param needsSession a valid session must be named by SessionId
 * @param needsTree a tree connect of that session must be named by TreeId
 */
public record Route(Smb2Handler handler, boolean needsSession, boolean needsTree) {}
