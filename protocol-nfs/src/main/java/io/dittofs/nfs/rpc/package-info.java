/** ONC-RPC (RFC 5531) over TCP: record marking, call and reply messages, authentication, dispatch and the duplicate request cache. */
@NullMarked
package io.dittofs.nfs.rpc;

import org.jspecify.annotations.NullMarked;
