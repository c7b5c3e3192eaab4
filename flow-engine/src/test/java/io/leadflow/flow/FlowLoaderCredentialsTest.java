package io.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.flow.auth.Credential;
import io.leadflow.flow.auth.CredentialType;
import io.leadflow.flow.testing.EchoOutbound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The flow's {@code credentials:} and a step's {@code credential:}. */
class FlowLoaderCredentialsTest {

    private static final String VALID = """
            id: crm
            sources: [ { id: web } ]
            credentials:
              buyer-abc: { type: bearer, token: "${secret:BUYER_TOKEN}" }
              crm: { type: oauth2_client_credentials, token_url: https://login.example/oauth2/token,
                     client_id: "${env:CRM_CLIENT_ID}", client_secret: "${secret:CRM_SECRET}", scope: leads }
              signed: { type: headers, headers: { X-Partner: "${env:PARTNER}", X-Signature: "${secret:SIGNATURE}" } }
              keyed: { type: api_key, query_param: api_key, key: "${env:PARTNER}" }
              tokens: { type: token, attributes: { token: "${secret:BUYER_TOKEN}", access_token: "${env:PARTNER}" } }
              mail: { type: smtp, host: smtp.example, port: 587, security: starttls, username: "${env:PARTNER}",
                      password: "${secret:SIGNATURE}" }
              salesforce: { type: oauth2_jwt_bearer, token_url: https://login.salesforce.com/services/oauth2/token,
                            client_id: "${env:CRM_CLIENT_ID}", username: integration@example.com,
                            private_key: "${secret:SF_PRIVATE_KEY}" }
            steps:
              - id: buyer-abc
                type: recipient
                entity: Buyer ABC
                integration: test.outbound.echo
                credential: crm
                mappings: { url: "https://buyer.example/leads" }
            """;

    @TempDir
    Path secrets;

    private FlowLoader loader() throws IOException {
        for (String name : new String[] {"BUYER_TOKEN", "CRM_SECRET", "SIGNATURE", "SF_PRIVATE_KEY"}) {
            Files.writeString(secrets.resolve(name), "value-of-" + name);
        }
        Map<String, String> environment = Map.of("CRM_CLIENT_ID", "leadflow", "PARTNER", "p-1");
        return new FlowLoader(EchoOutbound.catalog(), new References(environment::get, secrets));
    }

    @Test
    void keepsEachCredentialAsWrittenAndGivesItToTheStepsThatNameIt() throws IOException {
        Flow flow = loader().parse("crm.yaml", VALID);

        Credential crm = new Credential("crm", CredentialType.OAUTH2_CLIENT_CREDENTIALS, Map.of(
                "token_url", "https://login.example/oauth2/token", "client_id", "${env:CRM_CLIENT_ID}",
                "client_secret", "${secret:CRM_SECRET}", "scope", "leads"));
        assertThat(flow.steps().get(0).credential()).isEqualTo(crm);
        assertThat(loader().parse("crm.yaml", VALID.replace("credential: crm", "credential: signed"))
                .steps().get(0).credential().settings())
                .isEqualTo(Map.of("headers.X-Partner", "${env:PARTNER}", "headers.X-Signature", "${secret:SIGNATURE}"));
        assertThat(loader().parse("crm.yaml", VALID.replace("credential: crm", "credential: tokens"))
                .steps().get(0).credential()).isEqualTo(new Credential("tokens", CredentialType.TOKEN,
                        Map.of("attributes.token", "${secret:BUYER_TOKEN}", "attributes.access_token", "${env:PARTNER}")));
        assertThat(loader().parse("crm.yaml", VALID.replace("credential: crm", "credential: mail"))
                .steps().get(0).credential()).isEqualTo(new Credential("mail", CredentialType.SMTP, Map.of(
                        "host", "smtp.example", "port", "587", "security", "starttls", "username", "${env:PARTNER}",
                        "password", "${secret:SIGNATURE}")));
        assertThat(loader().parse("crm.yaml", VALID.replace("credential: crm", "credential: salesforce"))
                .steps().get(0).credential()).isEqualTo(new Credential("salesforce", CredentialType.OAUTH2_JWT_BEARER,
                        Map.of("token_url", "https://login.salesforce.com/services/oauth2/token",
                                "client_id", "${env:CRM_CLIENT_ID}", "username", "integration@example.com",
                                "private_key", "${secret:SF_PRIVATE_KEY}")));
        assertThat(loader().parse("crm.yaml", VALID.replace("    credential: crm\n", "")).steps().get(0).credential())
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            literal secret            | 'token: "${secret:BUYER_TOKEN}"' | 'token: abc123'         | 'f.yaml: credentials.buyer-abc.token: must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself'
            literal header value      | 'X-Signature: "${secret:SIGNATURE}"' | 'X-Signature: sig' | 'f.yaml: credentials.signed.headers.X-Signature: must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself'
            header users cannot set   | 'X-Partner: "${env:PARTNER}"'    | 'accept: "${env:PARTNER}"' | 'f.yaml: credentials.signed.headers.accept: cannot be set: the integration and the platform decide it'
            missing secret            | '${secret:CRM_SECRET}'           | '${secret:NOPE}'        | 'f.yaml: credentials.crm.client_secret: secret NOPE is not in SECRETS'
            unknown type              | 'type: bearer'                   | 'type: kerberos'        | 'f.yaml: credentials.buyer-abc.type: must be one of basic, api_key, bearer, headers, token, oauth2_client_credentials, oauth2_refresh_token, oauth2_jwt_bearer, smtp, not ''kerberos'''
            missing type              | 'type: bearer, '                 | ''                      | 'f.yaml: credentials.buyer-abc.type: is required (one of basic, api_key, bearer, headers, token, oauth2_client_credentials, oauth2_refresh_token, oauth2_jwt_bearer, smtp)'
            missing required setting  | 'token_url: https://login.example/oauth2/token,' | ''  | 'f.yaml: credentials.crm.token_url: is required for a oauth2_client_credentials credential'
            setting of another type   | 'scope: leads'                   | 'username: bob'         | 'f.yaml: credentials.crm.username: unknown key (allowed here: client_auth, client_id, client_secret, scope, token_url, type)'
            api key without place     | 'query_param: api_key, '         | ''                      | 'f.yaml: credentials.keyed: an api_key credential needs either header or query_param'
            api key in two places     | 'query_param: api_key, '         | 'query_param: k, header: X-K, ' | 'f.yaml: credentials.keyed: an api_key credential needs either header or query_param'
            token url not http        | 'https://login.example/oauth2/token' | 'ftp://login.example' | 'f.yaml: credentials.crm.token_url: must be an http(s) URL'
            literal private key       | 'private_key: "${secret:SF_PRIVATE_KEY}"' | 'private_key: "-----BEGIN PRIVATE KEY-----"' | 'f.yaml: credentials.salesforce.private_key: must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself'
            JWT without user          | 'username: integration@example.com,' | ''               | 'f.yaml: credentials.salesforce.username: is required for a oauth2_jwt_bearer credential'
            bad client auth           | 'scope: leads'                   | 'client_auth: digest'   | 'f.yaml: credentials.crm.client_auth: must be basic or body, not ''digest'''
            literal smtp password     | 'password: "${secret:SIGNATURE}"' | 'password: hunter2'     | 'f.yaml: credentials.mail.password: must be a reference such as ${secret:NAME} or ${env:NAME}, never the secret itself'
            smtp without host         | 'host: smtp.example, '           | ''                      | 'f.yaml: credentials.mail.host: is required for a smtp credential'
            unknown smtp security     | 'security: starttls'             | 'security: ssl'         | 'f.yaml: credentials.mail.security: must be starttls, tls or none, not ''ssl'''
            smtp port not a number    | 'port: 587'                      | 'port: smtp'            | 'f.yaml: credentials.mail.port: must be a port number, not ''smtp'''
            unknown credential        | 'credential: crm'                | 'credential: cmr'       | 'f.yaml: steps[0].credential: unknown credential ''cmr'' (the flow''s credentials: buyer-abc, crm, signed, keyed, tokens, mail, salesforce)'
            """)
    void namesFilePathAndProblem(String problem, String replaced, String replacement, String message) throws IOException {
        String yaml = VALID.replace(replaced, replacement);
        assertThat(yaml).as("test case changes the flow").isNotEqualTo(VALID);

        assertThatThrownBy(() -> loader().parse("f.yaml", yaml))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessage(message.replace("SECRETS", secrets.toString()));
    }
}
