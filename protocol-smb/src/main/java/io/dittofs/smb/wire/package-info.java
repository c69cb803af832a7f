/** SMB2 wire vocabulary: the header, command and status enums, and bounds-checked buffer access (MS-SMB2 section 2.2). */
@NullMarked
package io.dittofs.smb.wire;

import org.jspecify.annotations.NullMarked;
