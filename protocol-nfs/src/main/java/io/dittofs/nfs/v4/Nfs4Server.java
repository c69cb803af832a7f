package io.dittofs.nfs.v4;

import io.dittofs.nfs.v4.attr.Fattr4Encoder;
import io.dittofs.nfs.v4.attr.Owners;
import io.dittofs.nfs.v4.state.StateManager;
import io.dittofs.runtime.share.ShareRegistry;

/**
 * What every COMPOUND of the server shares: the shares, the pseudo-root, the NFSv4 state, the
 * attribute encoder and the settings. The state manager is the only mutable part and guards
 * itself.
 */
public record Nfs4Server(
        ShareRegistry shares,
        PseudoFs pseudo,
        StateManager state,
        Owners owners,
        Fattr4Encoder attributes,
        Nfs4Settings settings) {

    public Nfs4Server(ShareRegistry shares, PseudoFs pseudo, StateManager state, Owners owners, Nfs4Settings settings) {
        this(shares, pseudo, state, owners, new Fattr4Encoder(owners, settings.leaseSeconds()), settings);
    }
}
