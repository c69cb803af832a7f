/**
 * One handler per SMB2 command: decode, one runtime call per file operation, map the result,
 * encode. The dispatch table is {@link io.dittofs.smb.handlers.Smb2Dispatch}.
 *
 * <h2>Names</h2>
 *
 * SMB sees the namespace NFS sees case-sensitively, case-insensitively and case-preserving:
 *
 * <ul>
 *   <li>Each path component is resolved with the runtime's {@code lookupIgnoringCase}, which uses
 *       the metadata store's folded-name index, never a directory scan: an exact match wins;
 *       among names that differ only in case (created over NFS), the oldest entry wins, and the
 *       others are reachable over SMB only through a directory listing (which shows all of them).
 *   <li>A create whose name matches an existing entry ignoring case opens that entry (FILE_OPEN_IF)
 *       or fails with STATUS_OBJECT_NAME_COLLISION (FILE_CREATE): SMB never creates a second
 *       case-variant. New names keep the client's spelling.
 *   <li>Renaming a file to a case-variant of its own name changes its spelling.
 *   <li>Names Windows cannot hold ({@code " * / : < > ? \ |}, control characters, CON, PRN, AUX,
 *       NUL, COM1-9, LPT1-9) are refused with STATUS_OBJECT_NAME_INVALID; streams ({@code name:stream})
 *       are not served.
 * </ul>
 */
@NullMarked
package io.dittofs.smb.handlers;

import org.jspecify.annotations.NullMarked;
