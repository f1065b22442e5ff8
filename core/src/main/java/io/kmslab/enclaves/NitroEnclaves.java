package io.kmslab.enclaves;

import io.kmslab.KmsLab;
import io.kmslab.crypto.Providers;
import io.kmslab.errors.ValidationException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's simulated AWS Nitro attestation PKI: a root certificate authority, an intermediate one, and the enclaves
 * whose attestation documents they sign; and the check KMS makes of a document before it answers a Recipient.
 *
 * <p>AWS signs attestation documents with the AWS Nitro Attestation PKI, whose root certificate it publishes; KMS
 * accepts only documents that chain to it ("You cannot supply your own certificate to digitally sign the attestation
 * document", services-nitro-enclaves.html). The lab cannot hold AWS's private root key, so it has a root of its own,
 * made when the lab first needs it, and KMS Lab trusts that root and no other: a document made by a real Nitro enclave
 * is refused by KMS Lab, and a document of KMS Lab's is refused by AWS.
 *
 * <p>The verification follows the Nitro Enclaves user guide (verify-root.html): the COSE_Sign1 structure and its ES384
 * algorithm, the payload's members, the certificate chain from the root in {@code cabundle} to {@code certificate}
 * (each signature and each validity period, at the lab's time), then the signature of the document with the key of
 * {@code certificate}. KMS documents no freshness limit of its own; a signing certificate lasts three hours
 * (the AWS Compute Blog, "Validating attestation documents produced by AWS Nitro Enclaves"), so a document older than
 * that is refused because its certificate has expired.
 */
public final class NitroEnclaves {
    /** How long an enclave's signing certificate is valid (AWS Compute Blog: "three hours after issuance"). */
    public static final Duration SIGNING_CERTIFICATE_VALIDITY = Duration.ofHours(3);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong serials = new AtomicLong(1);
    private final KeyPair rootKey;
    private final X509Certificate root;
    private final KeyPair intermediateKey;
    private final X509Certificate intermediate;

    private NitroEnclaves(Clock clock, String name) {
        this.clock = clock;
        Instant now = clock.instant();
        this.rootKey = p384();
        // the published AWS Nitro root is valid for 30 years; so is the lab's
        this.root = certificate(new X500Name("CN=" + name + ",O=KMS Lab,OU=Simulated Nitro attestation"),
                rootKey.getPublic(), new X500Name("CN=" + name + ",O=KMS Lab,OU=Simulated Nitro attestation"),
                rootKey, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365L * 30)), true);
        this.intermediateKey = p384();
        this.intermediate = certificate(new X500Name("CN=" + name + " intermediate,O=KMS Lab"),
                intermediateKey.getPublic(), X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                rootKey, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365L * 10)), true);
    }

    /** The lab's simulated Nitro attestation PKI, made on first use: the only root KMS Lab trusts. */
    public static NitroEnclaves of(KmsLab lab) {
        return lab.attached(NitroEnclaves.class, l -> new NitroEnclaves(l.time(), "KMS Lab simulated Nitro root"));
    }

    /**
     * A PKI of its own, trusted by no lab: its enclaves' documents are what a forger, or a real enclave signed by AWS,
     * would present to KMS Lab.
     */
    public static NitroEnclaves untrusted(Clock clock) {
        return new NitroEnclaves(clock, "Untrusted root");
    }

    /** The root certificate (DER), as the first entry of every document's cabundle. */
    public byte[] rootCertificate() {
        return encoded(root);
    }

    /**
     * Launches an enclave from an image: its PCR0 is the SHA-384 of the image name (a stand-in for the measurement of an
     * enclave image file), PCR1 and PCR2 the SHA-384 of the kernel and of the application named after it, PCR3, PCR4
     * and PCR8 zero (no parent instance role, id or signing certificate).
     */
    public SimulatedEnclave launch(String imageName) {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        pcrs.put(0, sha384("image:" + imageName));
        pcrs.put(1, sha384("kernel:" + imageName));
        pcrs.put(2, sha384("application:" + imageName));
        pcrs.put(3, new byte[48]);
        pcrs.put(4, new byte[48]);
        pcrs.put(8, new byte[48]);
        return launch(pcrs);
    }

    /** Launches an enclave with the given measurements (PCR index to its 48-byte SHA-384 value). */
    public SimulatedEnclave launch(Map<Integer, byte[]> pcrs) {
        byte[] instance = new byte[9];
        byte[] enclave = new byte[8];
        random.nextBytes(instance);
        random.nextBytes(enclave);
        // the module id is the enclave id, i-<instance>-enc<enclave> (AWS's example: i-123456789abcde123-enc123456789abcde12)
        String moduleId = "i-" + HexFormat.of().formatHex(instance).substring(0, 17) + "-enc"
                + HexFormat.of().formatHex(enclave);
        return new SimulatedEnclave(this, moduleId, pcrs);
    }

    /** Signs a document for an enclave: a fresh P-384 signing certificate, then ES384 over the payload. */
    byte[] attest(String moduleId, SortedMap<Integer, byte[]> pcrs, PublicKey publicKey, byte[] userData,
            byte[] nonce) {
        Instant now = clock.instant();
        KeyPair signer = p384();
        X509Certificate certificate = certificate(new X500Name("CN=" + moduleId + ",O=KMS Lab"), signer.getPublic(),
                X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()), intermediateKey, now,
                now.plus(SIGNING_CERTIFICATE_VALIDITY), false);
        AttestationDocument document = new AttestationDocument(moduleId, "SHA384", now, pcrs, encoded(certificate),
                List.of(encoded(root), encoded(intermediate)), publicKey == null ? null : publicKey.getEncoded(),
                userData, nonce);
        byte[] header = CoseSign1.es384Header();
        byte[] payload = document.encode();
        try {
            Signature es384 = Signature.getInstance("SHA384withECDSAinP1363Format");
            es384.initSign(signer.getPrivate());
            es384.update(CoseSign1.toBeSigned(header, payload));
            return new CoseSign1(header, payload, es384.sign()).encode();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies a document as KMS does before it answers a Recipient, at the lab's current time.
     *
     * @throws ValidationException the document is not a COSE_Sign1 attestation document, is not signed by a
     *     certificate chaining to this root, has expired, or has no RSA public key. AWS documents no error for an
     *     invalid attestation document; its parameter errors are ValidationException, so KMS Lab answers that, with
     *     wording of its own.
     */
    public AttestedRecipient verify(byte[] signedDocument) {
        CoseSign1 cose = CoseSign1.decode(signedDocument).orElseThrow(() -> invalid(
                "is not a COSE_Sign1 structure"));
        if (!cose.es384()) {
            throw invalid("is not signed with ES384");
        }
        AttestationDocument document = AttestationDocument.decode(cose.payload()).orElseThrow(() -> invalid(
                "does not have the members of a Nitro Enclaves attestation document"));
        if (!"SHA384".equals(document.digest()) || document.cabundle().isEmpty() || !document.pcrs().containsKey(0)) {
            throw invalid("does not have the members of a Nitro Enclaves attestation document");
        }
        if (!Arrays.equals(document.cabundle().get(0), encoded(root))) {
            throw invalid("is not signed by the Nitro attestation root KMS Lab trusts");
        }
        Date now = Date.from(clock.instant());
        List<X509Certificate> chain = new ArrayList<>();
        for (byte[] der : document.cabundle().subList(1, document.cabundle().size())) {
            chain.add(parse(der));
        }
        X509Certificate signer = parse(document.certificate());
        chain.add(signer);
        PublicKey issuer = root.getPublicKey();
        for (X509Certificate certificate : chain) {
            try {
                certificate.verify(issuer, Providers.bouncyCastle());
            } catch (GeneralSecurityException e) {
                throw invalid("is not signed by the Nitro attestation root KMS Lab trusts");
            }
            try {
                certificate.checkValidity(now);
            } catch (CertificateException e) {
                throw invalid("has a certificate that is expired or not yet valid");
            }
            issuer = certificate.getPublicKey();
        }
        try {
            Signature es384 = Signature.getInstance("SHA384withECDSAinP1363Format");
            es384.initVerify(signer.getPublicKey());
            es384.update(CoseSign1.toBeSigned(cose.protectedHeader(), cose.payload()));
            if (!es384.verify(cose.signature())) {
                throw invalid("has a signature that does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw invalid("has a signature that does not verify");
        }
        if (document.publicKey() == null) {
            // AWS: KMS "encrypts the plaintext ... under the public key in the attestation document"
            throw invalid("has no public key");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(document.publicKey()));
        } catch (GeneralSecurityException e) {
            throw invalid("has a public key that is not an RSA SubjectPublicKeyInfo");
        }
        if (!(key instanceof RSAPublicKey)) {
            throw invalid("has a public key that is not an RSA SubjectPublicKeyInfo");
        }
        return new AttestedRecipient(document.moduleId(), document.pcrs(), key);
    }

    private static ValidationException invalid(String why) {
        return new ValidationException("The attestation document in Recipient " + why + ".");
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw invalid("has a certificate that cannot be read");
        }
    }

    private X509Certificate certificate(X500Name subject, PublicKey key, X500Name issuer, KeyPair issuerKey,
            Instant notBefore, Instant notAfter, boolean ca) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(serials.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().setProvider(Providers.bouncyCastle()).getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA384withECDSA")
                            .setProvider(Providers.bouncyCastle()).build(issuerKey.getPrivate())));
        } catch (OperatorCreationException | CertificateException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyPair p384() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha384(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-384")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SecureRandom random() {
        return random;
    }
}
