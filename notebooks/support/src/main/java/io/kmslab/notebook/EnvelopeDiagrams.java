package io.kmslab.notebook;

/**
 * Envelope encryption (notebook 11), drawn from the sizes of a real envelope: the KMS key that stays in KMS, the data
 * key that GenerateDataKey returns in two forms, the local AES-GCM encryption, and what is stored. AWS: "Generate data
 * keys" (docs.aws.amazon.com/kms/latest/developerguide/data-keys.html).
 */
public final class EnvelopeDiagrams {

    private EnvelopeDiagrams() {
    }

    /**
     * The envelope: a KMS key (named {@code keyName}) wraps the data key; the data key encrypts the document locally;
     * what is stored is the encrypted data key, the IV and the ciphertext with its tag (sizes in bytes).
     */
    public static Picture envelope(String keyName, int plaintextDataKeyBytes, int encryptedDataKeyBytes,
            int documentBytes, int ivBytes, int ciphertextBytes) {
        TextStyle title = TextStyle.size(13).bold().middle();
        TextStyle label = TextStyle.size(12).middle();
        TextStyle small = TextStyle.size(11).middle().color("#555");
        Svg svg = Svg.canvas(900, 300);

        // AWS KMS: the KMS key never leaves it
        svg.rect(10, 30, 200, 190, Svg.box(Svg.BLUE))
                .text(110, 52, "AWS KMS", title)
                .rect(30, 75, 160, 56, Svg.box(Svg.WHITE))
                .text(110, 99, "KMS key", label)
                .text(110, 117, keyName, TextStyle.size(11).middle().mono())
                .text(110, 160, "never leaves KMS", small)
                .text(110, 178, "wraps and unwraps", small)
                .text(110, 194, "data keys", small);

        // GenerateDataKey: two copies of one data key
        svg.arrow(210, 100, 318, 100, Svg.stroke(Svg.INK))
                .text(264, 92, "GenerateDataKey", TextStyle.size(11).middle().bold());
        svg.rect(320, 60, 220, 50, Svg.box(Svg.AMBER))
                .text(430, 81, "data key, plaintext", label)
                .text(430, 99, plaintextDataKeyBytes + " B: used, then erased", small);
        svg.rect(320, 140, 220, 50, Svg.box(Svg.BLUE))
                .text(430, 161, "data key, encrypted", label)
                .text(430, 179, encryptedDataKeyBytes + " B, under the KMS key", small);
        svg.arrow(210, 130, 318, 160, Svg.stroke(Svg.INK).dashed("4 3"));

        // local AES-GCM
        svg.rect(320, 230, 220, 50, Svg.box(Svg.GREEN))
                .text(430, 251, "document", label)
                .text(430, 269, Format.count(documentBytes) + " B, never sent to KMS", small);
        svg.rect(580, 60, 110, 50, Svg.box(Svg.WHITE))
                .text(635, 81, "AES-GCM", TextStyle.size(12).middle().bold())
                .text(635, 99, "local (JCA)", small);
        svg.arrow(540, 85, 578, 85, Svg.stroke(Svg.INK))
                .path("M540 255 L635 255 L635 112", Svg.stroke(Svg.INK), true);

        // what is stored
        svg.rect(720, 30, 170, 250, Svg.box(Svg.GREY))
                .text(805, 52, "stored together", title)
                .rect(735, 65, 140, 48, Svg.box(Svg.BLUE))
                .text(805, 85, "encrypted data key", TextStyle.size(11).middle())
                .text(805, 102, encryptedDataKeyBytes + " B", small)
                .rect(735, 121, 140, 34, Svg.box(Svg.WHITE))
                .text(805, 143, "IV " + ivBytes + " B", TextStyle.size(11).middle())
                .rect(735, 163, 140, 60, Svg.box(Svg.RED))
                .text(805, 186, "encrypted document", TextStyle.size(11).middle())
                .text(805, 204, Format.count(ciphertextBytes) + " B (with the tag)", small)
                .text(805, 250, "no key in the clear", small);
        svg.arrow(690, 85, 733, 190, Svg.stroke(Svg.INK))
                .arrow(540, 165, 733, 89, Svg.stroke(Svg.INK).dashed("4 3"));
        return svg.picture();
    }

    /**
     * The KMS calls of the same messages encrypted and then decrypted, without a cache and with the Encryption SDK's
     * caching CMM: one bar per way, its GenerateDataKey and Decrypt calls side by side, lengths to scale (AWS: "Data
     * key caching", docs.aws.amazon.com/encryption-sdk/latest/developer-guide/data-key-caching.html).
     */
    public static Picture cachingCalls(int messages, long uncachedGenerate, long uncachedDecrypt,
            int messagesPerDataKey, long cachedGenerate, long cachedDecrypt) {
        long[][] calls = {{uncachedGenerate, uncachedDecrypt}, {cachedGenerate, cachedDecrypt}};
        String[] totals = new String[2];
        double widest = 0;
        TextStyle count = TextStyle.size(12);
        for (int i = 0; i < 2; i++) {
            totals[i] = Format.count(calls[i][0] + calls[i][1]) + " calls: " + Format.count(calls[i][0])
                    + " GenerateDataKey + " + Format.count(calls[i][1]) + " Decrypt";
            widest = Math.max(widest, count.width(totals[i]));
        }
        // the longer bar and its label fit between x = 200 and the right edge
        long most = Math.max(1, Math.max(uncachedGenerate + uncachedDecrypt, cachedGenerate + cachedDecrypt));
        double scale = (900 - 200 - 20 - widest) / most;
        TextStyle label = TextStyle.size(12).bold();
        TextStyle small = TextStyle.size(11).color("#555");
        Svg svg = Svg.canvas(900, 210)
                .text(10, 20, "KMS calls for " + Format.count(messages) + " messages, encrypted and then decrypted",
                        TextStyle.size(13).bold());
        String[] ways = {"no cache", "caching CMM"};
        String[] notes = {"one data key per message",
            "one data key per " + Format.count(messagesPerDataKey) + " messages"};
        for (int i = 0; i < 2; i++) {
            double y = 45 + i * 70;
            svg.text(10, y + 17, ways[i], label).text(10, y + 34, notes[i], small);
            double x = 200;
            double w1 = Math.max(2, calls[i][0] * scale);
            double w2 = Math.max(2, calls[i][1] * scale);
            svg.rect(x, y, w1, 26, Svg.box(Svg.BLUE).rounded(0)).rect(x + w1, y, w2, 26, Svg.box(Svg.AMBER).rounded(0));
            svg.text(x + w1 + w2 + 8, y + 17, totals[i], count);
        }
        svg.rect(200, 185, 14, 12, Svg.box(Svg.BLUE).rounded(0)).text(220, 196, "GenerateDataKey (encrypting)", small)
                .rect(420, 185, 14, 12, Svg.box(Svg.AMBER).rounded(0)).text(440, 196, "Decrypt (decrypting)", small);
        return svg.picture();
    }
}
