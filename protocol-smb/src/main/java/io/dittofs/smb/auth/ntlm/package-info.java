/** NTLMv2 server side (MS-NLMP): message codecs, response verification and session security for the SPNEGO MIC. */
@NullMarked
package io.dittofs.smb.auth.ntlm;

import org.jspecify.annotations.NullMarked;
