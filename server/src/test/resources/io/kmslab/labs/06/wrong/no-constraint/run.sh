#!/usr/bin/env bash
# Lab 6, a typical wrong answer: no encryption context constraint: Worker may decrypt every tenant's data.
set -euo pipefail

# 1. As KeyAdmin: a grant for Worker, Decrypt only, only with the encryption context tenant=42; Worker is the
#    retiring principal, so it can retire the grant itself when it is done.
read -r grant_id grant_token < <(aws kms create-grant \
    --key-id "$KEY_ARN" \
    --grantee-principal "$WORKER_ROLE_ARN" \
    --operations Decrypt \
    --retiring-principal "$WORKER_ROLE_ARN" \
    --name tenant-42-nightly-batch \
    --query '[GrantId,GrantToken]' --output text)
echo "grant $grant_id created"

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
