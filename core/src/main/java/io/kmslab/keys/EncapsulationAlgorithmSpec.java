package io.kmslab.keys;

/**
 * Key encapsulation algorithms (the AWS EncapsulationAlgorithmSpec enum): ML_KEM is its only value (the AWS SDK for
 * Java 2.57.8 model, EncapsulationAlgorithmSpec.knownValues()). ML-KEM is the Module-Lattice-Based Key-Encapsulation
 * Mechanism of FIPS 203 (API_Encapsulate: "Module-Lattice-Based Key-Encapsulation Mechanism (ML-KEM), specified in
 * FIPS 203 [...], is a post-quantum algorithm for establishing a shared secret between two parties",
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html).
 */
public enum EncapsulationAlgorithmSpec {
    ML_KEM
}
