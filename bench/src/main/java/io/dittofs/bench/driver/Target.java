package io.dittofs.bench.driver;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A server to measure, from a URL: {@code nfs3://HOST:PORT/EXPORT?mountport=N&uid=U&gid=G},
 * {@code nfs41://HOST:PORT/EXPORT} or {@code smb3://USER:PASSWORD@HOST:PORT/SHARE}. An optional
 * {@code #label} names it in the report (default: the URL without the password).
 */
public record Target(
        Protocol protocol,
        String host,
        int port,
        String path,
        @Nullable String user,
        @Nullable String password,
        Map<String, String> params,
        String label) {

    /** The protocols dfsbench speaks. */
    public enum Protocol {
        NFS3("nfs3", 2049),
        NFS41("nfs41", 2049),
        SMB3("smb3", 445);

        final String scheme;
        final int defaultPort;

        Protocol(String scheme, int defaultPort) {
            this.scheme = scheme;
            this.defaultPort = defaultPort;
        }
    }

    public Target {
        params = Map.copyOf(params);
    }

    public static Target parse(String url) {
        // The label is free text (spaces allowed): split it off before URI parsing.
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? null : url.substring(hash + 1);
        String rest = hash < 0 ? url : url.substring(0, hash);
        URI uri;
        try {
            uri = new URI(rest);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url + " (" + e.getMessage() + ")");
        }
        Protocol protocol = null;
        for (Protocol p : Protocol.values()) {
            if (p.scheme.equalsIgnoreCase(uri.getScheme())) {
                protocol = p;
            }
        }
        if (protocol == null) {
            throw new IllegalArgumentException("unknown scheme in " + url + ": use nfs3://, nfs41:// or smb3://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        if (protocol == Protocol.SMB3 && (path.equals("/") || path.indexOf('/', 1) > 0)) {
            throw new IllegalArgumentException("an smb3 URL names one share: smb3://user:pass@host:port/SHARE");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] up = uri.getRawUserInfo().split(":", 2);
            user = decode(up[0]);
            password = up.length > 1 ? decode(up[1]) : "";
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                params.put(decode(p[0]), p.length > 1 ? decode(p[1]) : "");
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : protocol.defaultPort;
        String label = fragment != null && !fragment.isBlank()
                ? fragment
                : protocol.scheme + "://" + (user != null ? user + "@" : "") + uri.getHost() + ":" + port + path;
        return new Target(protocol, uri.getHost(), port, path, user, password, params, label);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public int intParam(String name, int fallback) {
        String v = params.get(name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    /** The share name (SMB) or export path (NFS). */
    public String share() {
        return protocol == Protocol.SMB3 ? path.substring(1) : path;
    }

    @Override
    public String toString() {
        return label;
    }
}
