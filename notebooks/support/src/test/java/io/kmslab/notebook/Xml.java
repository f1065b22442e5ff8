package io.kmslab.notebook;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses markup as XML (no DTDs, no external entities): a parse error fails the test. */
final class Xml {

    private Xml() {
    }

    static Document parse(String markup) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(markup)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + markup, e);
        }
    }

    /** The text of every element of this local name, joined by newlines. */
    static String texts(Document d, String localName) {
        NodeList nodes = d.getElementsByTagNameNS("*", localName);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < nodes.getLength(); i++) {
            s.append(nodes.item(i).getTextContent()).append('\n');
        }
        return s.toString();
    }

    static Element root(String markup) {
        return parse(markup).getDocumentElement();
    }
}
