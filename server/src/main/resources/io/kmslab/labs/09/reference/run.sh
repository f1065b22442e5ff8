#!/usr/bin/env bash
# Lab 9: retiring keys safely (a reference answer).
set -euo pipefail

trail=cloudtrail-90-days.jsonl
# The uses of keys in the last 90 days: cryptographic operations that succeeded. DescribeKey, ListAliases and the
# like name a key too, but only read its metadata.
uses=$(grep -E '"eventName":"(Encrypt|Decrypt|ReEncrypt|GenerateDataKey[A-Za-z]*|Sign|Verify|GenerateMac|VerifyMac)"' \
    "$trail" | grep -v '"errorCode"' || true)

for alias in alias/reports-2019 alias/billing-2019 alias/archive-2019; do
    arn=$(aws kms describe-key --key-id "$alias" --query KeyMetadata.Arn --output text)
    count=$(grep -cF "\"ARN\":\"$arn\"" <<<"$uses" || true)
    if [ "$count" -gt 0 ]; then
        echo "$alias: used $count times in 90 days, left as it is"
        continue
    fi
    # Unused: disabled first (anyone still depending on it fails now, visibly, and it can be enabled again at
    # once), then scheduled for deletion with the longest waiting period. The imported key is treated the same:
    # deleting its key material, of which no copy exists, could not be undone.
    aws kms disable-key --key-id "$arn"
    deletion=$(aws kms schedule-key-deletion --key-id "$arn" --pending-window-in-days 30 \
        --query DeletionDate --output text)
    echo "$alias: unused in 90 days, disabled, deleted on $deletion unless cancelled"
done
