#!/usr/bin/env bash
# Lab 6, a typical wrong answer: Worker also allowed in the key policy, "in case the grant is slow".
set -euo pipefail

# 1. As KeyAdmin: a grant for Worker, Decrypt only, only with the encryption context tenant=42; Worker is the
#    retiring principal, so it can retire the grant itself when it is done.
read -r grant_id grant_token < <(aws kms create-grant \
    --key-id "$KEY_ARN" \
    --grantee-principal "$WORKER_ROLE_ARN" \
    --operations Decrypt \
    --constraints 'EncryptionContextEquals={tenant=42}' \
    --retiring-principal "$WORKER_ROLE_ARN" \
    --name tenant-42-nightly-batch \
    --query '[GrantId,GrantToken]' --output text)
echo "grant $grant_id created"

# Worker's access in the key policy too, in case the grant is slow to work
aws kms put-key-policy --key-id "$KEY_ARN" --policy-name default --policy '{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
    {"Sid": "Allow access for Key Administrators", "Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::111122223333:role/KeyAdmin"},
     "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], "Resource": "*"},
    {"Sid": "Worker decrypts", "Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::111122223333:role/Worker"}, "Action": "kms:Decrypt", "Resource": "*"}
  ]
}'

as_worker() {
    AWS_ACCESS_KEY_ID="$WORKER_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$WORKER_SECRET_ACCESS_KEY" "$@"
}

# 2. As Worker, at once: the grant has not propagated yet, so the call passes its grant token.
as_worker aws kms decrypt \
    --ciphertext-blob fileb://invoice-42.bin \
    --encryption-context tenant=42 \
    --grant-tokens "$grant_token" \
    --query Plaintext --output text | base64 --decode > invoice-42.txt
echo "decrypted: $(cat invoice-42.txt)"

# 3. Worker is done: it retires the grant (by its token; --key-id with --grant-id works too).
as_worker aws kms retire-grant --grant-token "$grant_token"
echo "grant $grant_id retired"
