package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.MARKER;
import static io.kmslab.operations.RequestValidation.MAX_TAGS;
import static io.kmslab.operations.RequestValidation.validKeyId;
import static io.kmslab.operations.RequestValidation.validTags;

import io.kmslab.api.ListResourceTagsRequest;
import io.kmslab.api.ListResourceTagsResponse;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.UntagResourceRequest;
import io.kmslab.errors.TagException;
import java.util.List;
import java.util.Map;

/** The tags of keys: TagResource, UntagResource and ListResourceTags. */
public final class ResourceTags {
    private final OperationScope kms;

    public ResourceTags(OperationScope kms) {
        this.kms = kms;
    }

    public void tagResource(TagResourceRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).required("tags", request.tags()).throwIfAny();
        Map<String, String> tags = validTags(request.tags());
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "TagResource");
        kms.check("kms:TagResource", key).enforce();
        key.requireNotPendingDeletion();
        if (!key.putTagsWithin(tags, MAX_TAGS)) {
            throw new TagException("Too many tags");
        }
    }

    public void untagResource(UntagResourceRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).required("tagKeys", request.tagKeys())
                .eachLength("tagKeys", request.tagKeys(), 1, 128).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "UntagResource");
        kms.check("kms:UntagResource", key).enforce();
        key.requireNotPendingDeletion();
        key.removeTags(request.tagKeys());
    }

    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 50)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "ListResourceTags");
        kms.check("kms:ListResourceTags", key).enforce();
        List<Tag> tags = key.tagEntries().stream().map(e -> new Tag(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.tagKey().compareTo(b.tagKey())).toList();
        Paging.Page<Tag> page = Paging.page(tags, Tag::tagKey, "tags", request.limit(), request.marker(), 50);
        return new ListResourceTagsResponse(page.items(), page.nextMarker(), page.truncated());
    }
}
