package io.dittofs.smb.auth.spnego;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.jspecify.annotations.Nullable;

/**
 * The SPNEGO tokens (RFC 4178 section 4.2; MS-SPNG section 2.2) as BouncyCastle ASN.1 objects:
 * the server's initial NegTokenInit2, NegTokenInit from the client, NegTokenResp both ways.
 *
 * <pre>
 * InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE {
 *     thisMech MechType (1.3.6.1.5.5.2), innerContextToken NegotiationToken }
 * NegotiationToken ::= CHOICE { negTokenInit [0] NegTokenInit, negTokenResp [1] NegTokenResp }
 * NegTokenInit ::= SEQUENCE { mechTypes [0] MechTypeList, reqFlags [1] ContextFlags OPTIONAL,
 *     mechToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OCTET STRING OPTIONAL }
 * NegTokenResp ::= SEQUENCE { negState [0] ENUMERATED OPTIONAL, supportedMech [1] MechType OPTIONAL,
 *     responseToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OCTET STRING OPTIONAL }
 * </pre>
 */
public final class SpnegoTokens {
    public static final ASN1ObjectIdentifier SPNEGO = new ASN1ObjectIdentifier("1.3.6.1.5.5.2");
    public static final ASN1ObjectIdentifier NTLMSSP = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.2.10");

    public static final int ACCEPT_COMPLETED = 0;
    public static final int ACCEPT_INCOMPLETE = 1;
    public static final int REJECT = 2;

    /** Tokens larger than this are refused before parsing. */
    private static final int MAX_TOKEN = 64 * 1024;

    private SpnegoTokens() {}

    /** A parsed client token. */
    public sealed interface Parsed {}

    /** A NegTokenInit (first client token). */
    public record Init(List<ASN1ObjectIdentifier> mechTypes, byte @Nullable [] mechToken) implements Parsed {}

    /** A NegTokenResp (later client tokens). */
    public record Resp(byte @Nullable [] responseToken, byte @Nullable [] mechListMic) implements Parsed {}

    /** The server's NegTokenInit2 for the NEGOTIATE response: it offers NTLMSSP. */
    public static byte[] serverInit() {
        ASN1EncodableVector init = new ASN1EncodableVector();
        init.add(new DERTaggedObject(true, 0, new DERSequence(NTLMSSP)));
        // negHints [3] SEQUENCE { hintName [0] GeneralString } (MS-SPNG 2.2.1)
        init.add(new DERTaggedObject(
                true,
                3,
                new DERSequence(
                        new DERTaggedObject(true, 0, new DERGeneralString("not_defined_in_RFC4178@please_ignore")))));
        return wrapInitial(new DERTaggedObject(true, 0, new DERSequence(init)));
    }

    /** A client's NegTokenInit (for tests and clients). */
    public static byte[] clientInit(List<ASN1ObjectIdentifier> mechs, byte @Nullable [] mechToken) {
        ASN1EncodableVector init = new ASN1EncodableVector();
        init.add(new DERTaggedObject(true, 0, new DERSequence(mechs.toArray(new ASN1Encodable[0]))));
        if (mechToken != null) {
            init.add(new DERTaggedObject(true, 2, new DEROctetString(mechToken)));
        }
        return wrapInitial(new DERTaggedObject(true, 0, new DERSequence(init)));
    }

    private static byte[] wrapInitial(ASN1Encodable negotiationToken) {
        try {
            return new DERTaggedObject(
                            false, BERTags.APPLICATION, 0, new DERSequence(new ASN1Encodable[] {SPNEGO, negotiationToken
                            }))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A NegTokenResp. */
    public static byte[] response(int state, boolean withMech, byte @Nullable [] token, byte @Nullable [] mic) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DERTaggedObject(true, 0, new ASN1Enumerated(state)));
        if (withMech) {
            v.add(new DERTaggedObject(true, 1, NTLMSSP));
        }
        if (token != null) {
            v.add(new DERTaggedObject(true, 2, new DEROctetString(token)));
        }
        if (mic != null) {
            v.add(new DERTaggedObject(true, 3, new DEROctetString(mic)));
        }
        try {
            return new DERTaggedObject(true, 1, new DERSequence(v)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a client token: [APPLICATION 0] with a NegTokenInit, or a bare [1] NegTokenResp. */
    public static Parsed parse(byte[] token) throws IOException {
        if (token.length == 0 || token.length > MAX_TOKEN) {
            throw new IOException("SPNEGO token of " + token.length + " bytes");
        }
        if ((token[0] & 0xFF) == 0x60) {
            byte[] content = contentOf(token);
            try (ASN1InputStream in = new ASN1InputStream(content)) {
                ASN1Primitive oid = in.readObject();
                if (!SPNEGO.equals(oid)) {
                    throw new IOException("not SPNEGO: " + oid);
                }
                ASN1TaggedObject choice = (ASN1TaggedObject) in.readObject();
                if (choice.getTagNo() != 0) {
                    throw new IOException("initial token is not a NegTokenInit");
                }
                return parseInit(ASN1Sequence.getInstance(choice.getExplicitBaseObject()));
            }
        }
        ASN1TaggedObject choice = (ASN1TaggedObject) fromBytes(token);
        if (choice.getTagClass() != BERTags.CONTEXT_SPECIFIC || choice.getTagNo() != 1) {
            throw new IOException("not a NegTokenResp");
        }
        byte[] responseToken = null;
        byte[] mic = null;
        for (ASN1Encodable e : ASN1Sequence.getInstance(choice.getExplicitBaseObject())) {
            ASN1TaggedObject t = (ASN1TaggedObject) e;
            switch (t.getTagNo()) {
                case 2 ->
                    responseToken = ASN1OctetString.getInstance(t.getExplicitBaseObject())
                            .getOctets();
                case 3 ->
                    mic = ASN1OctetString.getInstance(t.getExplicitBaseObject()).getOctets();
                default -> {
                    // negState and supportedMech: nothing to act on from a client
                }
            }
        }
        return new Resp(responseToken, mic);
    }

    private static Init parseInit(ASN1Sequence seq) throws IOException {
        List<ASN1ObjectIdentifier> mechs = new ArrayList<>();
        byte[] mechToken = null;
        for (ASN1Encodable e : seq) {
            ASN1TaggedObject t = (ASN1TaggedObject) e;
            switch (t.getTagNo()) {
                case 0 -> {
                    for (ASN1Encodable m : ASN1Sequence.getInstance(t.getExplicitBaseObject())) {
                        mechs.add(ASN1ObjectIdentifier.getInstance(m));
                    }
                }
                case 2 ->
                    mechToken = ASN1OctetString.getInstance(t.getExplicitBaseObject())
                            .getOctets();
                default -> {
                    // reqFlags, mechListMIC, negHints: unused
                }
            }
        }
        if (mechs.isEmpty()) {
            throw new IOException("NegTokenInit without mechTypes");
        }
        return new Init(mechs, mechToken);
    }

    private static ASN1Primitive fromBytes(byte[] b) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(b)) {
            ASN1Primitive p = in.readObject();
            if (p == null) {
                throw new IOException("empty token");
            }
            return p;
        }
    }

    /** The content octets of a definite-length DER TLV (the outer [APPLICATION 0]). */
    private static byte[] contentOf(byte[] tlv) throws IOException {
        if (tlv.length < 2) {
            throw new IOException("short token");
        }
        int at = 1;
        int first = tlv[at++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7F;
            if (n == 0 || n > 3 || at + n > tlv.length) {
                throw new IOException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (tlv[at++] & 0xFF);
            }
        }
        if (at + length > tlv.length) {
            throw new IOException("token shorter than its length");
        }
        return Arrays.copyOfRange(tlv, at, (int) (at + length));
    }
}
