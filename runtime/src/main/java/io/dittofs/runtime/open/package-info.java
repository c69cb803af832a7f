/**
 * The server-wide table of open files: share reservations (SMB share access, NFSv4 share_deny),
 * delete-pending state, and caching grants (SMB oplocks and leases, NFSv4 delegations) with
 * their breaks. One table per runtime, so an SMB open and an NFSv4 OPEN of the same file see
 * each other.
 */
@NullMarked
package io.dittofs.runtime.open;

import org.jspecify.annotations.NullMarked;
