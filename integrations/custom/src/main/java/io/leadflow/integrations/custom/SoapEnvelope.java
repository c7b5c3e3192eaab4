package io.leadflow.integrations.custom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The SOAP request for one operation: a 1.1 or 1.2 envelope with the custom headers and a WS-Security UsernameToken
 * (text or digest password) in its header, and the operation's element in its body, its children built from the
 * arguments (maps nest, lists repeat, {@code attributes} become XML attributes, CDATA text is kept as it is).
 */
final class SoapEnvelope {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String TOKEN_PROFILE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
    private static final String BASE64_BINARY =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private static final String ATTRIBUTES = "attributes";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A WS-Security UsernameToken: the password sent as text or as a SHA-1 digest with a nonce and a time. */
    record UsernameToken(String username, String password, boolean digest) {
    }

    /** The root element of the body: its name, the prefix to write it with and its namespace declaration. */
    record BodyRoot(String name, String prefix, String xmlnsName, String xmlnsValue) {
    }

    private SoapEnvelope() {
    }

    static String write(String version, List<String> headers, UsernameToken security, BodyRoot root,
                        Map<String, Object> arguments, Instant now) {
        String envelope = "1.2".equals(version) ? SOAP12 : SOAP11;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.append("<soap:Envelope xmlns:soap=\"").append(envelope)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
        if (!headers.isEmpty() || security != null) {
            xml.append("<soap:Header>");
            if (security != null) {
                usernameToken(security, now, xml);
            }
            headers.forEach(xml::append);
            xml.append("</soap:Header>");
        }
        xml.append("<soap:Body>");
        String qualified = root.prefix() == null ? root.name() : root.prefix() + ":" + root.name();
        xml.append('<').append(qualified).append(' ').append(root.xmlnsName()).append("=\"")
                .append(escape(root.xmlnsValue(), true)).append("\">");
        arguments.forEach((name, value) -> element(name, value, xml));
        xml.append("</").append(qualified).append("></soap:Body></soap:Envelope>");
        return xml.toString();
    }

    @SuppressWarnings("unchecked")
    private static void element(String name, Object value, StringBuilder xml) {
        if (value instanceof List<?> items) {
            items.forEach(item -> element(name, item, xml));
            return;
        }
        xml.append('<').append(name);
        if (value instanceof Map<?, ?> map && map.get(ATTRIBUTES) instanceof Map<?, ?> attributes) {
            attributes.forEach((attribute, text) -> xml.append(' ').append(attribute).append("=\"")
                    .append(escape(JsValues.text(text), true)).append('"'));
        }
        xml.append('>');
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((child, childValue) -> {
                if (!ATTRIBUTES.equals(child)) {
                    element(child, childValue, xml);
                }
            });
        } else if (value != null) {
            String text = JsValues.text(value);
            xml.append(isCData(text) ? text : escape(text, false));
        }
        xml.append("</").append(name).append('>');
    }

    private static boolean isCData(String text) {
        return text.startsWith("<![CDATA[") && text.endsWith("]]>") && text.indexOf("]]>") == text.length() - 3;
    }

    private static void usernameToken(UsernameToken token, Instant now, StringBuilder xml) {
        String created = now.truncatedTo(ChronoUnit.MILLIS).toString();
        String expires = now.plusSeconds(600).truncatedTo(ChronoUnit.MILLIS).toString();
        xml.append("<wsse:Security soap:mustUnderstand=\"1\" xmlns:wsse=\"").append(WSSE)
                .append("\" xmlns:wsu=\"").append(WSU).append("\">")
                .append("<wsu:Timestamp><wsu:Created>").append(created).append("</wsu:Created><wsu:Expires>")
                .append(expires).append("</wsu:Expires></wsu:Timestamp>")
                .append("<wsse:UsernameToken><wsse:Username>").append(escape(token.username(), false))
                .append("</wsse:Username>");
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        if (token.digest()) {
            xml.append("<wsse:Password Type=\"").append(TOKEN_PROFILE).append("#PasswordDigest\">")
                    .append(digest(nonce, created, token.password())).append("</wsse:Password>");
        } else {
            xml.append("<wsse:Password Type=\"").append(TOKEN_PROFILE).append("#PasswordText\">")
                    .append(escape(token.password(), false)).append("</wsse:Password>");
        }
        xml.append("<wsse:Nonce EncodingType=\"").append(BASE64_BINARY).append("\">")
                .append(Base64.getEncoder().encodeToString(nonce)).append("</wsse:Nonce>")
                .append("<wsu:Created>").append(created).append("</wsu:Created>")
                .append("</wsse:UsernameToken></wsse:Security>");
    }

    /** Base64(SHA-1(nonce + created + password)), as the UsernameToken profile defines the digest. */
    static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    static String escape(String text, boolean attribute) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return attribute ? escaped.replace("\"", "&quot;") : escaped;
    }
}
