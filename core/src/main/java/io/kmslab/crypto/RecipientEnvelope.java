package io.kmslab.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Collection;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;

/**
 * CiphertextForRecipient: an answer encrypted for a Nitro enclave, as a CMS EnvelopedData (RFC 5652) with one
 * key-transport recipient. AWS: "CiphertextForRecipient ... The plaintext data encrypted with the public key in the
 * attestation document"; the KMS APIs of the Nitro Enclaves SDK say it is "a RecipientInfo structure, as described in
 * RFC5652 Section 6" (https://github.com/aws/aws-nitro-enclaves-sdk-c/blob/main/docs/kms-apis/kms-apis.md) and the
 * Nitro Enclaves user guide (enclaves/latest/user/kms.html) calls it CMS enveloped data. The content key is wrapped
 * with RSAES-OAEP, SHA-256 and MGF1 with SHA-256 (RSAES_OAEP_SHA_256, the only KeyEncryptionAlgorithm). AWS does not
 * document the content cipher; AES-256-CBC is what the Nitro Enclaves SDK decrypts, and what KMS Lab uses.
 */
public final class RecipientEnvelope {
    private static final AlgorithmIdentifier SHA_256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
    /** RSAES-OAEP with SHA-256 and MGF1-SHA-256, the default empty label (RFC 8017, A.2.1). */
    static final AlgorithmIdentifier RSAES_OAEP_SHA_256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
            new RSAESOAEPparams(SHA_256, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, SHA_256),
                    RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));

    private RecipientEnvelope() {
    }

    /** Encrypts {@code plaintext} for the holder of the private key of {@code recipientKey} (an RSA public key). */
    public static byte[] seal(PublicKey recipientKey, byte[] plaintext) {
        try {
            JceAsymmetricKeyWrapper wrapper = new JceAsymmetricKeyWrapper(new OAEPParameterSpec("SHA-256", "MGF1",
                    MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT), recipientKey)
                    .setProvider(Providers.bouncyCastle());
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            // no certificate names the enclave's key: the recipient is named by a key identifier, the SHA-256 of its
            // SubjectPublicKeyInfo (AWS does not document which identifier it uses)
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(keyIdentifier(recipientKey),
                    wrapper));
            return generator.generate(new CMSProcessableByteArray(plaintext),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(Providers.bouncyCastle())
                            .build()).getEncoded();
        } catch (CMSException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("CMS EnvelopedData could not be made", e);
        }
    }

    /**
     * Decrypts a CiphertextForRecipient with the recipient's private key (what an enclave does with the answer).
     *
     * @throws IllegalArgumentException the bytes are not an EnvelopedData this key can open
     */
    public static byte[] open(PrivateKey recipientKey, byte[] envelope) {
        try {
            CMSEnvelopedData enveloped = new CMSEnvelopedData(envelope);
            Collection<RecipientInformation> recipients = enveloped.getRecipientInfos().getRecipients();
            for (RecipientInformation recipient : recipients) {
                return recipient.getContent(new JceKeyTransEnvelopedRecipient(recipientKey)
                        .setProvider(Providers.bouncyCastle()));
            }
            throw new IllegalArgumentException("Not an EnvelopedData with a recipient.");
        } catch (CMSException | RuntimeException e) {
            // besides CMSException, Bouncy Castle's RSA refuses an encrypted key longer than this key's modulus with
            // runtime exceptions (DataLengthException "input too large for RSA cipher", ArrayIndexOutOfBoundsException
            // "too much data for RSA block") before OAEP decoding can fail: another key's envelope all the same
            if (e instanceof IllegalArgumentException refused && refused.getMessage().startsWith("Not an")) {
                throw refused;
            }
            throw new IllegalArgumentException("Not an EnvelopedData for this key: " + e.getMessage(), e);
        }
    }

    /** The key encryption algorithm of the first recipient of an EnvelopedData (for tests and the docs). */
    public static AlgorithmIdentifier keyEncryptionAlgorithm(byte[] envelope) {
        try {
            return new CMSEnvelopedData(envelope).getRecipientInfos().getRecipients().iterator().next()
                    .getKeyEncryptionAlgorithm();
        } catch (CMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The content encryption algorithm of an EnvelopedData (for tests and the docs). */
    public static String contentEncryptionAlgorithm(byte[] envelope) {
        try {
            return new CMSEnvelopedData(envelope).getEncryptionAlgOID();
        } catch (CMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
        return java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    }
}
