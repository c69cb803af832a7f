package io.dittofs.smb.auth;

/**
 * Whether unknown users and anonymous logons are turned into guest or null sessions. Shares still
 * decide at TREE_CONNECT whether they admit guests (ShareOptions.guestAccess).
 *
 * @param allowGuest an unknown user name becomes a guest session
 * @param allowAnonymous an empty NTLM AUTHENTICATE becomes a null session
 */
public record GuestPolicy(boolean allowGuest, boolean allowAnonymous) {}
