package io.kmslab.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;

/**
 * One line of a journal segment of a data directory: the changes that one save made durable, in one JSON line
 * written with one write, so that a crash keeps all of them or (a line cut short) none. Each change is a small piece of
 * a {@link LabSnapshot}: a key's metadata, a key material (written once, when it appears), a removed material, a
 * rotation, an alias put or deleted, an IAM principal with its policies, the clock. Replayed in order onto the snapshot
 * that names the segment, they give the lab as it was at the last save (see {@link JournalReplay}).
 *
 * <p>Holds key material: its {@code toString} prints none (the pieces' own {@code toString} hide it).
 */
record JournalEntry(List<Change> changes) {

    JournalEntry {
        changes = List.copyOf(changes);
    }

    /** A piece of the lab's state, as a save found it changed. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "change")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = KeyChanged.class, name = "key"),
        @JsonSubTypes.Type(value = MaterialAdded.class, name = "material"),
        @JsonSubTypes.Type(value = MaterialRemoved.class, name = "materialRemoved"),
        @JsonSubTypes.Type(value = Rotated.class, name = "rotation"),
        @JsonSubTypes.Type(value = AliasPut.class, name = "alias"),
        @JsonSubTypes.Type(value = AliasDeleted.class, name = "aliasDeleted"),
        @JsonSubTypes.Type(value = PrincipalPut.class, name = "principal"),
        @JsonSubTypes.Type(value = ClockMoved.class, name = "clock"),
        @JsonSubTypes.Type(value = KeyStoresPut.class, name = "keyStores")})
    sealed interface Change {
    }

    /**
     * A key's metadata, new or changed: everything of {@link LabSnapshot.Key} but its material generations and its
     * rotations (its {@code materials}, when it holds them, carry only the current material's id and the rotation
     * schedule; the generations and rotations come in their own changes). Its size is bounded by what AWS bounds: up
     * to 50 tags a key ("Each resource can have up to 50 user-created tags",
     * https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html), a key policy of 32 KB and up to
     * 50,000 grants a key (Resource quotas, https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html)
     * and by what the lab keeps of the key: its state changes, the imports of its material and the import
     * parameters handed out for it (which AWS does not bound by a quota: they grow with use, not with time).
     */
    record KeyChanged(LabSnapshot.Key key) implements Change {
    }

    /** A new generation of key material of the key that holds it (written once). */
    record MaterialAdded(String keyArn, LabSnapshot.Material material) implements Change {
    }

    /** A generation of key material the key no longer has (deleted imported material). */
    record MaterialRemoved(String keyArn, String materialId) implements Change {
    }

    /** The rotation at {@code index} (from 0) of the rotations of the key that holds its materials (written once). */
    record Rotated(String keyArn, int index, LabSnapshot.Rotation rotation) implements Change {
    }

    record AliasPut(LabSnapshot.Alias alias) implements Change {
    }

    record AliasDeleted(String aliasArn) implements Change {
    }

    /** An IAM user or role, new or with changed policies, as a whole. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PrincipalPut(LabSnapshot.Principal principal) implements Change {
    }

    /**
     * The custom key stores, CloudHSM clusters, simulated XKS proxies and VPC endpoint services of one account in one
     * Region, as a whole (none: all are gone). A proxy holds at most what its key manager was given through the lab's
     * Java API. Small:
     * AWS allows 10 custom key stores an account and Region (Resource quotas table, "Custom key store resource
     * quota", default value 10, applies to "AWS account and Region",
     * https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html; KMS Lab does not enforce it).
     */
    record KeyStoresPut(LabSnapshot.KeyStores keyStores) implements Change {
    }

    /** Where the lab's clock is. */
    record ClockMoved(Instant now) implements Change {
    }
}
