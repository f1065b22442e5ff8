package io.kmslab.keys;

/** The kind of data key pair made by GenerateDataKeyPair (the AWS DataKeyPairSpec enum). */
public enum DataKeyPairSpec {
    RSA_2048(KeySpec.RSA_2048),
    RSA_3072(KeySpec.RSA_3072),
    RSA_4096(KeySpec.RSA_4096),
    ECC_NIST_P256(KeySpec.ECC_NIST_P256),
    ECC_NIST_P384(KeySpec.ECC_NIST_P384),
    ECC_NIST_P521(KeySpec.ECC_NIST_P521),
    ECC_SECG_P256K1(KeySpec.ECC_SECG_P256K1),
    SM2(KeySpec.SM2),
    ECC_NIST_EDWARDS25519(KeySpec.ECC_NIST_EDWARDS25519),
    // ML-KEM data key pairs: values of DataKeyPairSpec in the AWS SDK 2.57.8 model (DataKeyPairSpec.knownValues());
    // the API_GenerateDataKeyPair pages read still name only RSA, ECC and SM2 pairs: what AWS returns for them is
    // taken to be as for the others (PKCS #8 private key, SubjectPublicKeyInfo public key; KMS Lab's reading)
    ML_KEM_512(KeySpec.ML_KEM_512),
    ML_KEM_768(KeySpec.ML_KEM_768),
    ML_KEM_1024(KeySpec.ML_KEM_1024);

    private final KeySpec keySpec;

    DataKeyPairSpec(KeySpec keySpec) {
        this.keySpec = keySpec;
    }

    /** The KMS key spec of the same key type. */
    public KeySpec keySpec() {
        return keySpec;
    }
}
