package io.dittofs.server.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dittofs.server.control.ControlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Signed tokens (JWT, HS256, nimbus-jose-jwt): a short-lived access token and a longer refresh
 * token, both bound to the user and role. The 256-bit signing key is generated on the first start
 * and kept in {@code <dataDir>/control/jwt.key} with mode 0600; a key file others may read is
 * refused. Thread-safe.
 */
public final class Tokens {
    public static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    public static final Duration REFRESH_TTL = Duration.ofHours(12);
    private static final String ISSUER = "dittofs";

    /** What a login returns. */
    public record Issued(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    Tokens(byte[] key, Clock clock) throws JOSEException {
        this.signer = new MACSigner(key);
        this.verifier = new MACVerifier(key);
        this.clock = clock;
    }

    public static Tokens open(Path keyFile, Clock clock) throws IOException {
        try {
            return new Tokens(readOrCreateKey(keyFile), clock);
        } catch (JOSEException e) {
            throw new IOException("bad signing key in " + keyFile, e);
        }
    }

    static byte[] readOrCreateKey(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, key);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream()
                .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IOException("signing key " + file + " may be read by others: chmod 600 it");
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length < 32) {
            throw new IOException("signing key " + file + " is shorter than 32 bytes");
        }
        return key;
    }

    public Issued issue(String user, String role) {
        return new Issued(
                sign(user, role, "access", ACCESS_TTL),
                sign(user, role, "refresh", REFRESH_TTL),
                "Bearer",
                ACCESS_TTL.toSeconds());
    }

    String sign(String user, String role, String type, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user)
                .claim("role", role)
                .claim("typ", type)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return jwt.serialize();
    }

    /** The caller an access token names; 401 when it is malformed, forged, expired or of another type. */
    public ApiRequest.Caller verify(String token, String type) {
        JWTClaimsSet c;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new ControlException(401, null, "bad token: signature does not verify");
            }
            c = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw new ControlException(401, null, "bad token: not a token this server issued");
        }
        Date exp = c.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
            throw new ControlException(401, null, "token expired: log in again");
        }
        Object typ = c.getClaim("typ");
        Object role = c.getClaim("role");
        if (!ISSUER.equals(c.getIssuer())
                || !type.equals(typ)
                || !(role instanceof String r)
                || c.getSubject() == null) {
            throw new ControlException(401, null, "bad token: not a " + type + " token");
        }
        return new ApiRequest.Caller(c.getSubject(), r);
    }
}
