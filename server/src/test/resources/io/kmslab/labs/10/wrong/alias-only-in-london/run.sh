#!/usr/bin/env bash
# Lab 10, a typical wrong answer: alias/orders made in London only, expecting it to follow the key.
set -euo pipefail
primary=eu-west-2
recovery=eu-west-1

# 1. The key for the orders: multi-Region from its creation (an existing single-Region key cannot become one)
key_id=$(aws kms create-key --region "$primary" --multi-region --description "orders" \
    --policy file://key-policy.json --query KeyMetadata.KeyId --output text)
aws kms create-alias --region "$primary" --alias-name alias/orders --target-key-id "$key_id"

# 2. Its replica in the recovery Region: the same key id and key material, so London's ciphertexts decrypt there as
#    they are. The key policy is not replicated: the replica gets its own (without --policy, the default one).
replica=$(aws kms replicate-key --region "$primary" --key-id "$key_id" --replica-region "$recovery" \
    --policy file://key-policy.json --description "orders (disaster recovery)" \
    --query ReplicaKeyMetadata.Arn --output text)

echo "alias/orders: $key_id in $primary, $replica in $recovery"
