package io.kmslab.operations;

import io.kmslab.crypto.KeyMaterial;
import io.kmslab.crypto.SymmetricCiphertext;
import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.errors.KmsInvalidStateException;
import io.kmslab.keystores.CustomKeyStore;
import io.kmslab.keystores.XksProxyClient;
import io.kmslab.keystores.XksProxyFailure;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Encryption under a KMS key in an external key store: "AWS KMS uses double encryption. Data is first encrypted in AWS
 * KMS using AWS KMS key material. Then it is encrypted by your external key manager using the external key for the KMS
 * key. To decrypt double-encrypted ciphertext, the ciphertext is first decrypted by your external key manager using the
 * external key for the KMS key. Then it is decrypted in AWS KMS using the AWS KMS key material for the KMS key"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/use-xks-key.html).
 *
 * <p>The blob keeps the lab's symmetric layout (header, IV, sealed part: {@code docs/ciphertext-format.md}); for such a
 * key the sealed part is the external layer, holding every field of the proxy's Encrypt answer ("KMS will embed all of
 * the fields in the XKS Proxy's encrypt response into the ciphertextBlob it returns to the caller", XKS Proxy API spec,
 * Encrypt, KMS Considerations):
 *
 * <pre>
 * size  field
 * 1     length of the proxy's initializationVector (12 or 16)
 * v     initializationVector
 * 1     length of the proxy's ciphertextMetadata (0 to 20)
 * m     ciphertextMetadata
 * 16    authenticationTag
 * n+16  ciphertext: the external key's encryption of the inner AES-GCM ciphertext and tag
 * </pre>
 *
 * What additional authenticated data AWS KMS sends to the proxy is not published: KMS Lab sends the blob's header (format
 * version, key ARN, key material id), so that the external layer is bound to the KMS key and its material. The
 * encryption context is bound by the inner layer only.
 *
 * <p>Failures of the proxy: "AWS KMS cryptographic operations return KMSInvalidStateException for all failures related
 * to the external configuration or connection state of the external key store. To identify the problem, use the
 * accompanying error message text" (https://docs.aws.amazon.com/kms/latest/developerguide/xks-troubleshooting.html),
 * with the messages of the XKS Proxy API spec's table ({@link XksProxyFailure}).
 */
final class DoubleEncryption {
    private static final int TAG_BYTES = 16;

    private final OperationScope kms;

    DoubleEncryption(OperationScope kms) {
        this.kms = kms;
    }

    /** Whether a key's ciphertexts are double-encrypted: it is in an external key store. */
    static boolean applies(KmsKey key) {
        CustomKeyStore store = key.customKeyStore();
        return store != null && store.external();
    }

    /** Encrypts in KMS with {@code material}, then with the key's external key through the proxy. */
    byte[] seal(KmsKey key, KeyMaterial.Secret material, Map<String, String> context, byte[] plaintext,
            String kmsOperation) {
        SymmetricCiphertext inner = SymmetricCiphertext.parse(kms.symmetric().seal(material, key.arn(), context,
                plaintext));
        XksProxyClient.ExternalCiphertext outer;
        try {
            outer = client(key).encrypt(key.xksKeyId(), inner.sealed(), inner.header(), metadata(key, kmsOperation));
        } catch (XksProxyClient.Failed failed) {
            throw new KmsInvalidStateException(failed.getMessage());
        }
        byte[] metadata = outer.ciphertextMetadata() == null ? new byte[0] : outer.ciphertextMetadata();
        byte[] layer = ByteBuffer.allocate(1 + outer.initializationVector().length + 1 + metadata.length + TAG_BYTES
                + outer.ciphertext().length).put((byte) outer.initializationVector().length)
                .put(outer.initializationVector()).put((byte) metadata.length).put(metadata)
                .put(outer.authenticationTag()).put(outer.ciphertext()).array();
        return new SymmetricCiphertext(inner.keyArn(), inner.keyMaterialId(), inner.iv(), layer).encode();
    }

    /** Decrypts the external layer through the proxy, then the inner layer in KMS with {@code material}. */
    byte[] open(KmsKey key, KeyMaterial.Secret material, SymmetricCiphertext blob, Map<String, String> context,
            String kmsOperation) {
        XksProxyClient.ExternalCiphertext outer = externalLayer(blob.sealed());
        byte[] innerSealed;
        try {
            innerSealed = client(key).decrypt(key.xksKeyId(), outer, blob.header(), metadata(key, kmsOperation));
        } catch (XksProxyClient.Failed failed) {
            throw new KmsInvalidStateException(failed.getMessage());
        }
        try {
            return kms.symmetric().open(material, new SymmetricCiphertext(blob.keyArn(), blob.keyMaterialId(),
                    blob.iv(), innerSealed), context);
        } catch (InvalidCiphertextException e) {
            // "Proxy returns an invalid ciphertext: KMSInvalidStateException (Decrypt, ReEncrypt)" (XKS Proxy API
            // spec, Error codes): the proxy's answer, or the encryption context, does not open the inner layer
            throw new KmsInvalidStateException(XksProxyFailure.INVALID_CIPHERTEXT_FROM_PROXY.message());
        }
    }

    /** Reads the external layer; a layer that cannot be read is an invalid ciphertext, as for any blob. */
    private static XksProxyClient.ExternalCiphertext externalLayer(byte[] layer) {
        ByteBuffer in = ByteBuffer.wrap(layer);
        try {
            byte[] iv = new byte[Byte.toUnsignedInt(in.get())];
            in.get(iv);
            byte[] metadata = new byte[Byte.toUnsignedInt(in.get())];
            in.get(metadata);
            byte[] tag = new byte[TAG_BYTES];
            in.get(tag);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if ((iv.length != 12 && iv.length != 16) || metadata.length > 20 || ciphertext.length < TAG_BYTES) {
                throw new InvalidCiphertextException("");
            }
            return new XksProxyClient.ExternalCiphertext(ciphertext, metadata.length == 0 ? null : metadata, iv, tag);
        } catch (java.nio.BufferUnderflowException e) {
            throw new InvalidCiphertextException("");
        }
    }

    private XksProxyClient client(KmsKey key) {
        return new XksProxyClient(kms.store().xksProxies(), key.customKeyStore());
    }

    /**
     * requestMetadata: awsPrincipalArn, "the ARN of the principal that invoked KMS" (aws:PrincipalArn); kmsKeyArn;
     * kmsOperation, "the KMS API call that resulted in the XKS Proxy API request"; kmsRequestId, "the requestId of the
     * call made to KMS that is visible in AWS CloudTrail" (XKS Proxy API spec, Encrypt and Decrypt).
     */
    private XksProxyClient.RequestMetadata metadata(KmsKey key, String kmsOperation) {
        return new XksProxyClient.RequestMetadata(kms.caller().principalArn(), key.arn(), kmsOperation,
                kms.requestId());
    }
}
