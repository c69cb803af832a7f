package io.dittofs.server.config;

/** Which adapters run, and where. */
public record AdaptersConfig(AdapterConfig nfs, AdapterConfig smb, AdapterConfig api) {
    public static final AdaptersConfig DEFAULTS = new AdaptersConfig(null, null, null);

    public AdaptersConfig {
        nfs = nfs == null ? AdapterConfig.DEFAULT : nfs;
        smb = smb == null ? AdapterConfig.DEFAULT : smb;
        api = api == null ? AdapterConfig.DEFAULT : api;
    }
}
