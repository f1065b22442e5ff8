#!/usr/bin/env bash
# Lab 10, a typical wrong answer: a separate single-Region key in each Region under the same alias.
set -euo pipefail
primary=eu-west-2
recovery=eu-west-1

key_id=$(aws kms create-key --region "$primary" --description "orders" \
    --policy file://key-policy.json --query KeyMetadata.KeyId --output text)
aws kms create-alias --region "$primary" --alias-name alias/orders --target-key-id "$key_id"

# the recovery Region gets a key of its own
replica=$(aws kms create-key --region "$recovery" --description "orders (disaster recovery)" \
    --policy file://key-policy.json --query KeyMetadata.Arn --output text)
aws kms create-alias --region "$recovery" --alias-name alias/orders --target-key-id "$replica"
echo "alias/orders: $key_id in $primary, $replica in $recovery"
