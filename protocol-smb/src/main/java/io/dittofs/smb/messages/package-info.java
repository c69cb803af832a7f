/** One class per SMB2 request and response (MS-SMB2 section 2.2), each decoding or encoding its own fields. */
@NullMarked
package io.dittofs.smb.messages;

import org.jspecify.annotations.NullMarked;
