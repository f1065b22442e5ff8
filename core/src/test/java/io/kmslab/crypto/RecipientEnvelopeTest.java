package io.kmslab.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.junit.jupiter.api.Test;

class RecipientEnvelopeTest {

    @Test
    void anEnvelopeOpened_withAnotherKey_isRefusedAsNotForThisKey_evenWhenItsEncryptedKeyExceedsThatKeysModulus()
            throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair owner = generator.generateKeyPair();
        byte[] envelope = RecipientEnvelope.seal(owner.getPublic(), "card numbers".getBytes(StandardCharsets.UTF_8));
        assertThat(RecipientEnvelope.open(owner.getPrivate(), envelope)).asString(StandardCharsets.UTF_8)
                .isEqualTo("card numbers");
        BigInteger encryptedKey = new BigInteger(1, encryptedKey(envelope));
        // another enclave's key with a modulus smaller than the encrypted key as a number: RSA refuses the input
        // before OAEP decoding can fail (DataLengthException), which must read as "not for this key" like any other
        // wrong key (with two 2048-bit keys this happens at random, and made a scenario fail once)
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPair other = small.generateKeyPair();
        assertThat(((RSAPublicKey) other.getPublic()).getModulus()).isLessThan(encryptedKey);
        KeyPair wrong = other;
        assertThatThrownBy(() -> RecipientEnvelope.open(wrong.getPrivate(), envelope))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Not an EnvelopedData for this key");
    }

    private static byte[] encryptedKey(byte[] envelope) {
        EnvelopedData enveloped = EnvelopedData.getInstance(ContentInfo.getInstance(envelope).getContent());
        RecipientInfo recipient = RecipientInfo.getInstance(enveloped.getRecipientInfos().getObjectAt(0));
        return KeyTransRecipientInfo.getInstance(recipient.getInfo()).getEncryptedKey().getOctets();
    }
}
