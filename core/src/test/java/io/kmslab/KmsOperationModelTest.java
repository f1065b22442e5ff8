package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.grants.GrantOperation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against AWS's own service model of KMS: botocore's {@code service-2.json} (the operations, their
 * input and output shapes, their documentation, and the GrantOperation enum; copied as test data, see its
 * {@code source}). The model does not say everything the catalogue holds: it has no read-only flag, no quota and no
 * CloudTrail facts; what it does say is checked here.
 */
class KmsOperationModelTest {
    private static final Pattern CROSS_ACCOUNT = Pattern.compile("Cross-account use</b>:\\s*([A-Za-z]+)");
    private static final Pattern REQUIRED_PERMISSIONS = Pattern.compile("Required permissions</b>:(.*?)</p>",
            Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile("kms:[A-Za-z]+");

    private static JsonNode operations;
    private static JsonNode model;

    @BeforeAll
    static void readModel() throws IOException {
        try (InputStream in = KmsOperationModelTest.class.getResourceAsStream(
                "/botocore/kms-2014-11-01-operations.json")) {
            model = new ObjectMapper().readTree(in);
        }
        operations = model.get("operations");
        assertThat(model.at("/metadata/targetPrefix").asText()).isEqualTo("TrentService");
    }

    private static JsonNode modelOf(KmsOperation operation) {
        JsonNode node = operations.get(operation.apiName());
        assertThat(node).as(operation.apiName() + " in the KMS service model").isNotNull();
        return node;
    }

    private static boolean crossAccountInModel(JsonNode operation) {
        Matcher matcher = CROSS_ACCOUNT.matcher(operation.get("documentation").asText());
        assertThat(matcher.find()).as("Cross-account use of " + operation.get("name")).isTrue();
        return matcher.group(1).equals("Yes");
    }

    @Test
    void everyEntry_isAnOperationOfKms_withItsInputAndOutputShapes() {
        for (KmsOperation operation : KmsOperation.values()) {
            JsonNode node = modelOf(operation);
            assertThat(node.get("name").asText()).isEqualTo(operation.apiName());
            assertThat(node.at("/input/shape").asText()).as(operation.apiName())
                    .isEqualTo(operation.requestType().getSimpleName());
            JsonNode output = node.at("/output/shape");
            if (operation.responseType() == Void.class) {
                assertThat(output.isMissingNode()).as(operation.apiName() + " has an output in the model").isTrue();
            } else {
                assertThat(output.asText()).as(operation.apiName())
                        .isEqualTo(operation.responseType().getSimpleName());
            }
        }
    }

    @Test
    void crossAccount_isWhatTheModelSays() {
        for (KmsOperation operation : KmsOperation.values()) {
            assertThat(operation.crossAccount()).as("cross-account use of " + operation.apiName())
                    .isEqualTo(crossAccountInModel(modelOf(operation)));
        }
    }

    @Test
    void crossAccountActions_areThoseOfTheModelsCrossAccountOperations() {
        Set<String> expected = new TreeSet<>();
        operations.fields().forEachRemaining(entry -> {
            if (crossAccountInModel(entry.getValue())) {
                expected.addAll(KmsOperation.named(entry.getKey()).map(KmsOperation::iamActions)
                        .orElse(List.of("kms:" + entry.getKey())));
            }
        });
        assertThat(new TreeSet<>(KmsOperation.crossAccountActions())).isEqualTo(expected);
    }

    @Test
    void iamActions_areAmongTheRequiredPermissions_whereTheModelNamesThem() {
        List<String> checked = new ArrayList<>();
        for (KmsOperation operation : KmsOperation.values()) {
            Matcher section = REQUIRED_PERMISSIONS.matcher(modelOf(operation).get("documentation").asText());
            if (!section.find()) {
                continue;
            }
            // ReEncrypt's paragraph introduces a list; its actions follow the paragraph
            String text = modelOf(operation).get("documentation").asText().substring(section.start());
            Set<String> named = new TreeSet<>();
            Matcher action = ACTION.matcher(text.substring(0, Math.min(text.length(), 1500)));
            while (action.find()) {
                named.add(action.group());
            }
            if (named.isEmpty()) {
                continue; // RetireGrant: "Permission to retire a grant is determined primarily by the grant"
            }
            assertThat(named).as("required permissions of " + operation.apiName())
                    .containsAll(operation.iamActions());
            checked.add(operation.apiName());
        }
        assertThat(checked).contains("Encrypt", "ReEncrypt", "CreateKey").hasSizeGreaterThan(40);
    }

    @Test
    void readOnly_agreesWithWhatTheModelImplies() {
        // the model has no read-only flag; what it implies: Get, List and Describe operations read, and an operation
        // without output changes something (else it would do nothing)
        List<String> readsMarkedWrites = new ArrayList<>();
        for (KmsOperation operation : KmsOperation.values()) {
            String name = operation.apiName();
            if ((name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe"))
                    && !operation.readOnly()) {
                readsMarkedWrites.add(name);
            }
            if (modelOf(operation).at("/output/shape").isMissingNode()) {
                assertThat(operation.readOnly()).as(name).isFalse();
            }
        }
        // GetParametersForImport is read-only as AWS's CloudTrail example says (ct-getparametersforimport.html); that
        // the lab keeps its import token is a fact of its own (STATE_KEPT), not CloudTrail's readOnly
        assertThat(readsMarkedWrites).isEmpty();
    }

    @Test
    void grantOperations_areTheModelsGrantOperationEnum() {
        List<String> modelled = new ArrayList<>();
        model.at("/shapes/GrantOperation/enum").forEach(value -> modelled.add(value.asText()));
        assertThat(Arrays.stream(GrantOperation.values()).map(Enum::name).toList())
                .containsExactlyInAnyOrderElementsOf(modelled);
    }
}
