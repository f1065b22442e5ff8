package io.kmslab.scenarios;

import io.kmslab.KmsApi;
import io.kmslab.api.*;
import io.kmslab.errors.KmsException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The AWS KMS API of one Region as one caller, sent over the wire: every call goes through an AWS SDK for Java v2
 * {@link KmsClient} to a KMS Lab endpoint. Engine requests become SDK requests and SDK responses engine responses member
 * by member (the two name their members alike, as the AWS API does); an AWS error becomes the engine exception of the
 * same error code, so that steps check codes and messages as they do in-process.
 */
final class SdkKms implements KmsApi {
    private static final String SDK_MODEL = "software.amazon.awssdk.services.kms.model.";
    private static final Map<String, Constructor<? extends KmsException>> ERRORS = engineErrors();

    private final KmsClient client;

    SdkKms(KmsClient client) {
        this.client = client;
    }

    @Override
    public CreateKeyResponse createKey(CreateKeyRequest request) {
        return send("createKey", request, CreateKeyResponse.class);
    }

    @Override
    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        return send("describeKey", request, DescribeKeyResponse.class);
    }

    @Override
    public ListKeysResponse listKeys(ListKeysRequest request) {
        return send("listKeys", request, ListKeysResponse.class);
    }

    @Override
    public void enableKey(EnableKeyRequest request) {
        send("enableKey", request, Void.class);
    }

    @Override
    public void disableKey(DisableKeyRequest request) {
        send("disableKey", request, Void.class);
    }

    @Override
    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        return send("scheduleKeyDeletion", request, ScheduleKeyDeletionResponse.class);
    }

    @Override
    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        return send("cancelKeyDeletion", request, CancelKeyDeletionResponse.class);
    }

    @Override
    public void updateKeyDescription(UpdateKeyDescriptionRequest request) {
        send("updateKeyDescription", request, Void.class);
    }

    @Override
    public void createAlias(CreateAliasRequest request) {
        send("createAlias", request, Void.class);
    }

    @Override
    public void updateAlias(UpdateAliasRequest request) {
        send("updateAlias", request, Void.class);
    }

    @Override
    public void deleteAlias(DeleteAliasRequest request) {
        send("deleteAlias", request, Void.class);
    }

    @Override
    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        return send("listAliases", request, ListAliasesResponse.class);
    }

    @Override
    public void tagResource(TagResourceRequest request) {
        send("tagResource", request, Void.class);
    }

    @Override
    public void untagResource(UntagResourceRequest request) {
        send("untagResource", request, Void.class);
    }

    @Override
    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        return send("listResourceTags", request, ListResourceTagsResponse.class);
    }

    @Override
    public EncryptResponse encrypt(EncryptRequest request) {
        return send("encrypt", request, EncryptResponse.class);
    }

    @Override
    public DecryptResponse decrypt(DecryptRequest request) {
        return send("decrypt", request, DecryptResponse.class);
    }

    @Override
    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        return send("reEncrypt", request, ReEncryptResponse.class);
    }

    @Override
    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        return send("generateDataKey", request, GenerateDataKeyResponse.class);
    }

    @Override
    public GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request) {
        return send("generateDataKeyWithoutPlaintext", request, GenerateDataKeyWithoutPlaintextResponse.class);
    }

    @Override
    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        return send("generateDataKeyPair", request, GenerateDataKeyPairResponse.class);
    }

    @Override
    public GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request) {
        return send("generateDataKeyPairWithoutPlaintext", request, GenerateDataKeyPairWithoutPlaintextResponse.class);
    }

    @Override
    public SignResponse sign(SignRequest request) {
        return send("sign", request, SignResponse.class);
    }

    @Override
    public VerifyResponse verify(VerifyRequest request) {
        return send("verify", request, VerifyResponse.class);
    }

    @Override
    public DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request) {
        return send("deriveSharedSecret", request, DeriveSharedSecretResponse.class);
    }

    @Override
    public EncapsulateResponse encapsulate(EncapsulateRequest request) {
        return send("encapsulate", request, EncapsulateResponse.class);
    }

    @Override
    public DecapsulateResponse decapsulate(DecapsulateRequest request) {
        return send("decapsulate", request, DecapsulateResponse.class);
    }

    @Override
    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        return send("generateMac", request, GenerateMacResponse.class);
    }

    @Override
    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        return send("verifyMac", request, VerifyMacResponse.class);
    }

    @Override
    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        return send("getPublicKey", request, GetPublicKeyResponse.class);
    }

    @Override
    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        return send("generateRandom", request, GenerateRandomResponse.class);
    }

    @Override
    public void enableKeyRotation(EnableKeyRotationRequest request) {
        send("enableKeyRotation", request, Void.class);
    }

    @Override
    public void disableKeyRotation(DisableKeyRotationRequest request) {
        send("disableKeyRotation", request, Void.class);
    }

    @Override
    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        return send("getKeyRotationStatus", request, GetKeyRotationStatusResponse.class);
    }

    @Override
    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        return send("rotateKeyOnDemand", request, RotateKeyOnDemandResponse.class);
    }

    @Override
    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        return send("listKeyRotations", request, ListKeyRotationsResponse.class);
    }

    @Override
    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        return send("getKeyPolicy", request, GetKeyPolicyResponse.class);
    }

    @Override
    public void putKeyPolicy(PutKeyPolicyRequest request) {
        send("putKeyPolicy", request, Void.class);
    }

    @Override
    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request) {
        return send("listKeyPolicies", request, ListKeyPoliciesResponse.class);
    }

    @Override
    public CreateGrantResponse createGrant(CreateGrantRequest request) {
        return send("createGrant", request, CreateGrantResponse.class);
    }

    @Override
    public ListGrantsResponse listGrants(ListGrantsRequest request) {
        return send("listGrants", request, ListGrantsResponse.class);
    }

    @Override
    public ListGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request) {
        return send("listRetirableGrants", request, ListGrantsResponse.class);
    }

    @Override
    public void retireGrant(RetireGrantRequest request) {
        send("retireGrant", request, Void.class);
    }

    @Override
    public void revokeGrant(RevokeGrantRequest request) {
        send("revokeGrant", request, Void.class);
    }

    @Override
    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request) {
        return send("getParametersForImport", request, GetParametersForImportResponse.class);
    }

    @Override
    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        return send("importKeyMaterial", request, ImportKeyMaterialResponse.class);
    }

    @Override
    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        return send("deleteImportedKeyMaterial", request, DeleteImportedKeyMaterialResponse.class);
    }

    @Override
    public ReplicateKeyResponse replicateKey(ReplicateKeyRequest request) {
        return send("replicateKey", request, ReplicateKeyResponse.class);
    }

    @Override
    public void updatePrimaryRegion(UpdatePrimaryRegionRequest request) {
        send("updatePrimaryRegion", request, Void.class);
    }

    @Override
    public GetKeyLastUsageResponse getKeyLastUsage(GetKeyLastUsageRequest request) {
        return send("getKeyLastUsage", request, GetKeyLastUsageResponse.class);
    }

    @Override
    public CreateCustomKeyStoreResponse createCustomKeyStore(CreateCustomKeyStoreRequest request) {
        return send("createCustomKeyStore", request, CreateCustomKeyStoreResponse.class);
    }

    @Override
    public ConnectCustomKeyStoreResponse connectCustomKeyStore(ConnectCustomKeyStoreRequest request) {
        return send("connectCustomKeyStore", request, ConnectCustomKeyStoreResponse.class);
    }

    @Override
    public DisconnectCustomKeyStoreResponse disconnectCustomKeyStore(DisconnectCustomKeyStoreRequest request) {
        return send("disconnectCustomKeyStore", request, DisconnectCustomKeyStoreResponse.class);
    }

    @Override
    public DeleteCustomKeyStoreResponse deleteCustomKeyStore(DeleteCustomKeyStoreRequest request) {
        return send("deleteCustomKeyStore", request, DeleteCustomKeyStoreResponse.class);
    }

    @Override
    public UpdateCustomKeyStoreResponse updateCustomKeyStore(UpdateCustomKeyStoreRequest request) {
        return send("updateCustomKeyStore", request, UpdateCustomKeyStoreResponse.class);
    }

    @Override
    public DescribeCustomKeyStoresResponse describeCustomKeyStores(DescribeCustomKeyStoresRequest request) {
        return send("describeCustomKeyStores", request, DescribeCustomKeyStoresResponse.class);
    }

    /** The SDK operation of the same name, its request and response mapped member by member. */
    private <T> T send(String operation, Object request, Class<T> responseType) {
        Object sdkResponse;
        try {
            Class<?> sdkRequestType = Class.forName(SDK_MODEL + request.getClass().getSimpleName());
            Method sdkOperation = KmsClient.class.getMethod(operation, sdkRequestType);
            sdkResponse = sdkOperation.invoke(client, toSdk(request, sdkRequestType));
            if (responseType == Void.class) {
                return null;
            }
            return responseType.cast(fromSdk(sdkResponse, responseType));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof AwsServiceException error) {
                throw engineError(error);
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot map " + operation + " to the AWS SDK", e);
        }
    }

    // ------------------------------------------------------------------------------------------ engine to SDK

    private static Object toSdk(Object value, Type target) throws ReflectiveOperationException {
        Class<?> type = raw(target);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return SdkBytes.fromByteArray(bytes);
        }
        if (value instanceof Enum<?> e) {
            return type.isEnum() ? type.getMethod("fromValue", String.class).invoke(null, e.name()) : e.name();
        }
        if (value instanceof Collection<?> list) {
            Type element = typeArgument(target, 0);
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(toSdk(item, element));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Type element = typeArgument(target, 1);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(entry.getKey(), toSdk(entry.getValue(), element));
            }
            return out;
        }
        if (value.getClass().isRecord()) {
            Class<?> model = type == Object.class || !type.getName().startsWith(SDK_MODEL)
                    ? Class.forName(SDK_MODEL + value.getClass().getSimpleName()) : type;
            Object builder = model.getMethod("builder").invoke(null);
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object member = component.getAccessor().invoke(value);
                if (absent(member)) {
                    continue;
                }
                Method setter = setter(builder.getClass(), component.getName());
                setter.invoke(builder, toSdk(member, setter.getGenericParameterTypes()[0]));
            }
            Method build = builder.getClass().getMethod("build");
            build.setAccessible(true);
            return build.invoke(builder);
        }
        return value;
    }

    /** Left out of the SDK request, as a client leaves out a member it does not set. */
    private static boolean absent(Object member) {
        return member == null || Boolean.FALSE.equals(member)
                || member instanceof Collection<?> c && c.isEmpty() || member instanceof Map<?, ?> m && m.isEmpty();
    }

    /** The builder's setter of a member taking the value itself (not a Consumer of a builder, not varargs). */
    private static Method setter(Class<?> builderType, String member) {
        for (Method method : builderType.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (method.getName().equals(member) && parameters.length == 1 && !parameters[0].isArray()
                    && !java.util.function.Consumer.class.isAssignableFrom(parameters[0])
                    && !Modifier.isStatic(method.getModifiers())) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new IllegalStateException("The SDK builder " + builderType.getName() + " has no member " + member);
    }

    // ------------------------------------------------------------------------------------------ SDK to engine

    private static Object fromSdk(Object value, Type target) throws ReflectiveOperationException {
        Class<?> type = raw(target);
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return type == boolean.class ? Boolean.FALSE : null;
        }
        if (type == byte[].class) {
            return ((SdkBytes) value).asByteArray();
        }
        if (type.isEnum()) {
            return enumValue(type, value.toString());
        }
        if (value instanceof Collection<?> list) {
            Type element = typeArgument(target, 0);
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(fromSdk(item, element));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Type element = typeArgument(target, 1);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(entry.getKey(), fromSdk(entry.getValue(), element));
            }
            return out;
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] members = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                members[i] = fromSdk(member(value, components[i].getName()), components[i].getGenericType());
            }
            return type.getDeclaredConstructor(types).newInstance(members);
        }
        if (type == Instant.class || type == String.class || type == Integer.class || type == Boolean.class
                || type == boolean.class || type == int.class || type == Long.class || type == long.class) {
            return value;
        }
        throw new IllegalStateException("No mapping from the SDK's " + value.getClass() + " to " + target);
    }

    /** A member of an SDK model, its String form when it is an enum (so that values newer than the SDK still map). */
    private static Object member(Object model, String name) throws ReflectiveOperationException {
        for (String getter : List.of(name + "AsString", name + "AsStrings", name)) {
            try {
                Method method = model.getClass().getMethod(getter);
                return method.invoke(model);
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            Type argument = p.getActualTypeArguments()[index];
            return argument instanceof java.lang.reflect.WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        return Object.class;
    }

    // ------------------------------------------------------------------------------------------ errors

    /** The engine exception of the AWS error code, with the message AWS gave ("" when it gave none). */
    static RuntimeException engineError(AwsServiceException error) {
        String code = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
        String message = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorMessage();
        Constructor<? extends KmsException> constructor = code == null ? null : ERRORS.get(code);
        if (constructor == null) {
            return error;
        }
        try {
            return constructor.newInstance(message == null ? "" : message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make the engine's " + code, e);
        }
    }

    /** Every exception of io.kmslab.errors by its errorCode() (KmsUnsupportedOperationException: "UnsupportedOperationException"). */
    private static Map<String, Constructor<? extends KmsException>> engineErrors() {
        Map<String, Constructor<? extends KmsException>> byCode = new ConcurrentHashMap<>();
        for (String className : classesOf(KmsException.class)) {
            try {
                Class<?> type = Class.forName(className);
                if (!KmsException.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                Constructor<? extends KmsException> constructor = type.asSubclass(KmsException.class)
                        .getConstructor(String.class);
                byCode.put(constructor.newInstance("").errorCode(), constructor);
            } catch (ReflectiveOperationException e) {
                // not an error KMS answers with (no message constructor)
            }
        }
        if (byCode.isEmpty()) {
            throw new IllegalStateException("No engine errors found beside " + KmsException.class);
        }
        return byCode;
    }

    /** The classes in the package of a class, from its jar or its classes directory. */
    private static List<String> classesOf(Class<?> member) {
        String packagePath = member.getPackageName().replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        try {
            Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve(packagePath))) {
                    files.map(f -> packagePath + f.getFileName()).forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(packagePath)
                            && n.indexOf('/', packagePath.length()) < 0).forEach(names::add);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot list the classes of " + member.getPackageName(), e);
        }
        return names.stream().filter(n -> n.endsWith(".class") && !n.contains("$"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
    }
}
