/** The SMB2/3 protocol adapter (MS-SMB2): {@link io.dittofs.smb.SmbAdapter} serves the runtime's shares over SMB 2.0.2 to 3.1.1. */
@NullMarked
package io.dittofs.smb;

import org.jspecify.annotations.NullMarked;
