/**
 * NLM version 4 (RFC 1813 appendix II; the Open Group XNFS specification) on the runtime's shared
 * lock manager, and the NSM (status monitor) procedures clients and their status monitors call.
 */
@NullMarked
package io.dittofs.nfs.nlm;

import org.jspecify.annotations.NullMarked;
