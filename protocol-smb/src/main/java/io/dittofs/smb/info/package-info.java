/** Encoders for the MS-FSCC information classes returned by QUERY_INFO and QUERY_DIRECTORY. */
@NullMarked
package io.dittofs.smb.info;

import org.jspecify.annotations.NullMarked;
