package io.kmslab.keystores;

/**
 * What an external key store proxy answers: the HTTP status and the JSON body. A success is 200 with the operation's
 * response payload; an error is the status of the XKS Proxy API specification's error table with the body
 * {@code {"errorName": ..., "errorMessage": ...}} (https://github.com/aws/aws-kms-xksproxy-api-spec, "Error codes").
 */
public record XksProxyResponse(int httpStatus, String body) {

    public boolean ok() {
        return httpStatus == 200;
    }
}
