package io.leadflow.integrations.custom;

import static io.leadflow.integration.testing.JsonFixtures.json;
import static io.leadflow.integration.testing.JsonFixtures.response;
import static io.leadflow.integration.testing.JsonFixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseParserTest {

    private static final String JSON = "application/json";
    private static final String XML = "text/xml";
    private static final String HTML = "text/html";
    private static final String TEXT = "text/plain";

    private final ResponseParser parser = new ResponseParser();

    record Case(String behaviour, String vars, OutboundResponse response, String expectedEvent) {

        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // HTTP status: only 500-599 are errors
                new Case("a 400 without search term is a success", "{}",
                        response(400, TEXT, "bad request"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("a 422 is searched like a 200", """
                        {"outcome_search_term": "accepted"}""",
                        response(422, JSON, "{\"status\": \"rejected\"}"), """
                        {"status": "rejected", "outcome": "failure", "price": 0}"""),
                new Case("a 500 is an error with reason Server error and nothing else", """
                        {"outcome_search_term": "ok", "price_path": "price"}""",
                        response(500, JSON, "{\"price\": 3}"), """
                        {"outcome": "error", "reason": "Server error"}"""),
                new Case("a 499 is not a server error", "{}",
                        response(499, TEXT, "odd"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("a 600 is not a server error", "{}",
                        response(600, TEXT, "odd"), """
                        {"outcome": "success", "price": 0}"""),

                // outcome
                new Case("without term and outcome on match every response succeeds", "{}",
                        response(200, TEXT, "failure: everything is wrong"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("the term matches JSON key names in the raw body", """
                        {"outcome_search_term": "accepted"}""",
                        response(200, JSON, "{\"accepted\": false}"), """
                        {"accepted": false, "outcome": "success", "price": 0}"""),
                new Case("the term matches HTML attributes in the raw body", """
                        {"outcome_search_term": "lead-ok"}""",
                        response(200, HTML, "<div id=\"lead-ok\">thanks</div>"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("the term matches XML tag names in the raw body", """
                        {"outcome_search_term": "accepted"}""",
                        response(200, XML, "<accepted/>"), """
                        {"accepted": "", "outcome": "success", "price": 0}"""),
                new Case("a /regex/ term is lower-cased and matched in any case", """
                        {"outcome_search_term": "/^SUC+ESS$/"}""",
                        response(200, TEXT, "  SUCCESS  "), """
                        {"outcome": "success", "price": 0}"""),
                new Case("an invalid regex never matches, so failure on match gives success", """
                        {"outcome_search_term": "/(unclosed/", "outcome_on_match": "failure"}""",
                        response(200, TEXT, "(unclosed"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("a regex flag JavaScript does not know is ignored", """
                        {"outcome_search_term": "/ok/x"}""",
                        response(200, TEXT, "ok"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("the sticky flag matches only at the start", """
                        {"outcome_search_term": "/ok/y"}""",
                        response(200, TEXT, "not ok"), """
                        {"outcome": "failure", "price": 0}"""),
                new Case("outcome on match error gives error when found", """
                        {"outcome_search_term": "duplicate", "outcome_on_match": "error"}""",
                        response(200, TEXT, "Duplicate lead"), """
                        {"outcome": "error", "price": 0}"""),
                new Case("outcome on match error gives success when not found", """
                        {"outcome_search_term": "duplicate", "outcome_on_match": "error"}""",
                        response(200, TEXT, "Lead accepted"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("outcome on match alone matches any non-empty body", """
                        {"outcome_on_match": "failure"}""",
                        response(200, TEXT, "anything"), """
                        {"outcome": "failure", "price": 0}"""),
                new Case("outcome on match alone never matches an empty body", """
                        {"outcome_on_match": "failure"}""",
                        response(200, TEXT, "   "), """
                        {"outcome": "success", "price": 0}"""),
                new Case("a JSON search path to an array searches each item", """
                        {"outcome_search_term": "^ok$", "outcome_search_path": "results"}""",
                        response(200, JSON, "{\"results\": [\"no\", \"OK\"]}"), """
                        {"results": ["no", "OK"], "outcome": "success", "price": 0}"""),
                new Case("a JSON search path to a boolean searches its text", """
                        {"outcome_search_term": "true", "outcome_search_path": "accepted"}""",
                        response(200, JSON, "{\"accepted\": true}"), """
                        {"accepted": true, "outcome": "success", "price": 0}"""),
                new Case("an HTML search path searches the inner HTML of each match", """
                        {"outcome_search_term": "<b>yes</b>", "outcome_search_path": "p.result"}""",
                        response(200, HTML, "<p class=\"result\"><b>Yes</b></p>"), """
                        {"outcome": "success", "price": 0}"""),

                // reason
                new Case("reasons are trimmed, blanks dropped, sorted and joined", """
                        {"outcome_search_term": "ok", "reason_path": "errors.*.message"}""",
                        response(200, JSON, "{\"errors\": [{\"message\": \" zip invalid\"}, {\"message\": \" \"},"
                                + " {\"message\": \"email invalid\"}]}"), """
                        {"errors": [{"message": " zip invalid"}, {"message": " "}, {"message": "email invalid"}],
                         "outcome": "failure", "price": 0, "reason": "email invalid, zip invalid"}"""),
                new Case("default reason applies on success too, trimmed", """
                        {"default_reason": "  no reason given  ", "reason_path": "missing"}""",
                        response(200, JSON, "{}"), """
                        {"outcome": "success", "price": 0, "reason": "no reason given"}"""),
                new Case("a numeric reason is stringified", """
                        {"reason_path": "code"}""",
                        response(200, JSON, "{\"code\": 42}"), """
                        {"code": 42, "outcome": "success", "price": 0, "reason": "42"}"""),
                new Case("an HTML selector gives the text of each match", """
                        {"reason_path": "li.error"}""",
                        response(200, HTML, "<ul><li class=\"error\">Bad zip</li><li class=\"error\">Bad email</li></ul>"), """
                        {"outcome": "success", "price": 0, "reason": "Bad email, Bad zip"}"""),
                new Case("an HTML selector with @attr gives that attribute", """
                        {"reason_path": "div.result @title"}""",
                        response(200, HTML, "<div class=\"result\" title=\"Duplicate\">x</div>"), """
                        {"outcome": "success", "price": 0, "reason": "Duplicate"}"""),
                new Case("jQuery position filters pick among all matches", """
                        {"reason_path": "p:last", "price_path": "p:eq(1)"}""",
                        response(200, HTML, "<div><p>a</p><p>7</p></div><div><p>c</p></div>"), """
                        {"outcome": "success", "price": "7", "reason": "c"}"""),
                new Case("a quoted :contains text is matched", """
                        {"reason_path": "li:contains('zip')"}""",
                        response(200, HTML, "<ul><li>zip invalid</li><li>email invalid</li></ul>"), """
                        {"outcome": "success", "price": 0, "reason": "zip invalid"}"""),
                new Case("an invalid CSS selector selects nothing", """
                        {"reason_path": "div[", "default_reason": "none"}""",
                        response(200, HTML, "<div>x</div>"), """
                        {"outcome": "success", "price": 0, "reason": "none"}"""),
                new Case("an XPath to an element gives its markup", """
                        {"reason_path": "/r/why"}""",
                        response(200, XML, "<r><why>too <b>old</b></why></r>"), """
                        {"r": {"why": {"#text": "too", "b": "old"}}, "outcome": "success", "price": 0,
                         "reason": "<why>too <b>old</b></why>"}"""),
                new Case("XPath names without a prefix do not match elements in a default namespace", """
                        {"reason_path": "/r/why/text()", "price_path": "//*[local-name()='bid']/text()"}""",
                        response(200, XML, "<r xmlns=\"urn:x\"><why>dupe</why><bid>3</bid></r>"), """
                        {"r": {"xmlns": "urn:x", "why": "dupe", "bid": "3"}, "outcome": "success", "price": "3"}"""),
                new Case("XML after a byte order mark is parsed", """
                        {"reason_path": "/r/text()"}""",
                        response(200, XML, "\uFEFF<r>ok</r>"), """
                        {"r": "ok", "outcome": "success", "price": 0, "reason": "ok"}"""),
                new Case("a text regex gives its first capture group, trimmed", """
                        {"reason_path": "reason=([^&]*)"}""",
                        response(200, TEXT, "status=0&reason= Duplicate &id=7"), """
                        {"outcome": "success", "price": 0, "reason": "Duplicate"}"""),
                new Case("a text regex with the g flag gives its second whole match", """
                        {"reason_path": "/code=\\\\d/g"}""",
                        response(200, TEXT, "code=1 code=2"), """
                        {"outcome": "success", "price": 0, "reason": "code=2"}"""),
                new Case("a JSON body's own reason stays when no reason is found", "{}",
                        response(200, JSON, "{\"reason\": \"from the body\"}"), """
                        {"outcome": "success", "price": 0, "reason": "from the body"}"""),

                // price
                new Case("a found price is its text", """
                        {"price_path": "bid"}""",
                        response(200, JSON, "{\"bid\": 18}"), """
                        {"bid": 18, "outcome": "success", "price": "18"}"""),
                new Case("a found price of 0 falls through to the fallback price, kept as given", """
                        {"price_path": "bid", "fallback_price": "12.50"}""",
                        response(200, JSON, "{\"bid\": 0}"), """
                        {"bid": 0, "outcome": "success", "price": "12.50"}"""),
                new Case("without price or fallback the price is the number 0", """
                        {"price_path": "bid"}""",
                        response(200, JSON, "{}"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("the price is read on failure too", """
                        {"outcome_search_term": "accepted", "price_path": "bid"}""",
                        response(200, JSON, "{\"bid\": \"2.5\"}"), """
                        {"bid": "2.5", "outcome": "failure", "price": "2.5"}"""),
                new Case("the price is the first of several matches", """
                        {"price_path": "//bid/text()"}""",
                        response(200, XML, "<r><bid>3</bid><bid>4</bid></r>"), """
                        {"r": {"bid": ["3", "4"]}, "outcome": "success", "price": "3"}"""),
                new Case("an XPath number result is a price", """
                        {"price_path": "count(//bid)"}""",
                        response(200, XML, "<r><bid>3</bid><bid>4</bid></r>"), """
                        {"r": {"bid": ["3", "4"]}, "outcome": "success", "price": "2"}"""),

                // reference
                new Case("a wildcard reference path gives a list", """
                        {"reference_path": "leads.*.id"}""",
                        response(200, JSON, "{\"leads\": [{\"id\": \"1234\"}]}"), """
                        {"leads": [{"id": "1234"}], "outcome": "success", "price": 0, "reference": ["1234"]}"""),
                new Case("a plain reference path keeps the JSON value", """
                        {"reference_path": "id"}""",
                        response(200, JSON, "{\"id\": 1234}"), """
                        {"id": 1234, "outcome": "success", "price": 0, "reference": 1234}"""),

                // appended data
                new Case("a JSON root array is appended as array", """
                        {"reason_path": "array.1.msg"}""",
                        response(200, JSON, "[{\"msg\": \"a\"}, {\"msg\": \"b\"}]"), """
                        {"array": [{"msg": "a"}, {"msg": "b"}], "outcome": "success", "price": 0, "reason": "b"}"""),
                new Case("numeric JSON keys are quoted in nested objects but not inside arrays", "{}",
                        response(200, JSON, "{\"42\": {\"7up\": 1, \"x\": 2}, \"list\": [{\"5\": 5}]}"), """
                        {"'42'": {"'7up'": 1, "x": 2}, "list": [{"5": 5}], "outcome": "success", "price": 0}"""),
                new Case("XML is appended with attributes as keys, repeated names as lists, empty elements as ''",
                        "{}",
                        response(200, "application/xml; charset=utf-8",
                                "<?xml version=\"1.0\"?><lead id=\"7\"><tag>a</tag><tag>b</tag><note/>"
                                        + "<price currency=\"USD\">1.5</price></lead>"), """
                        {"lead": {"id": "7", "tag": ["a", "b"], "note": "",
                                  "price": {"#text": "1.5", "currency": "USD"}},
                         "outcome": "success", "price": 0}"""),
                new Case("text appends only the capture groups", """
                        {"capture": {"lead_id": "/id: (\\\\d+)/", "missing": "nothing: (.*)"}}""",
                        response(200, TEXT, "OK id: 987"), """
                        {"lead_id": "987", "outcome": "success", "price": 0}"""),
                new Case("HTML appends only the capture groups, searched in the document markup", """
                        {"capture": {"lead_id": "<span id=\\"lead\\">(\\\\d+)</span>"}}""",
                        response(200, HTML, "<p>Lead <span id=\"lead\">55</span></p>"), """
                        {"lead_id": "55", "outcome": "success", "price": 0}"""),
                new Case("JSON ignores capture variables", """
                        {"capture": {"id": "(\\\\d+)"}}""",
                        response(200, JSON, "{\"n\": 5}"), """
                        {"n": 5, "outcome": "success", "price": 0}"""),

                // content type
                new Case("JSON that does not parse is searched as text", """
                        {"outcome_search_term": "accepted", "reason_path": "reason: (.*)"}""",
                        response(200, JSON, "accepted; reason: fine"), """
                        {"outcome": "success", "price": 0, "reason": "fine"}"""),
                new Case("XML that does not parse is searched as text", """
                        {"outcome_search_term": "<ok>"}""",
                        response(200, XML, "<ok>unclosed"), """
                        {"outcome": "success", "price": 0}"""),
                new Case("the content type override forces the JSON parser", """
                        {"response_content_type_override": "application/json", "reason_path": "why"}""",
                        response(200, TEXT, "{\"why\": \"dupe\"}"), """
                        {"why": "dupe", "outcome": "success", "price": 0, "reason": "dupe"}"""),
                new Case("the content type is matched in any case, parameters ignored", """
                        {"reason_path": "why"}""",
                        response(200, "Application/JSON; charset=UTF-8", "{\"why\": \"dupe\"}"), """
                        {"why": "dupe", "outcome": "success", "price": 0, "reason": "dupe"}"""),
                new Case("a form-urlencoded body is read into an object", """
                        {"outcome_search_term": "^ok$", "outcome_search_path": "status", "reference_path": "id"}""",
                        response(200, "application/x-www-form-urlencoded", "status=OK&id=12&tag=a&tag=b+c"), """
                        {"status": "OK", "id": "12", "tag": ["a", "b c"], "outcome": "success", "price": 0,
                         "reference": "12"}"""),
                new Case("HTML that starts with text is searched as text", """
                        {"reason_path": "why=(\\\\w+)"}""",
                        response(200, HTML, "why=plain <b>text</b>"), """
                        {"outcome": "success", "price": 0, "reason": "plain"}"""),
                new Case("HTML whose first node is whitespace after the doctype is searched as text", """
                        {"reason_path": "<b>(\\\\w+)</b>"}""",
                        response(200, HTML, "<!DOCTYPE html>\n<html><body><b>bold</b></body></html>"), """
                        {"outcome": "success", "price": 0, "reason": "bold"}"""),
                new Case("HTML whose first node is an element after html and body tags is HTML", """
                        {"reason_path": "b"}""",
                        response(200, HTML, "<!DOCTYPE html><html lang=\"en\"><body><b>bold</b></body></html>"), """
                        {"outcome": "success", "price": 0, "reason": "bold"}"""),
                new Case("a body without content type is text", """
                        {"capture": {"word": "(\\\\w+)"}}""",
                        response(200, null, "hello world"), """
                        {"word": "hello", "outcome": "success", "price": 0}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheResponse(Case example) {
        IntegrationEvent event = parser.parse(vars(example.vars()), example.response());

        assertThat(json(event.toFlatMap())).isEqualTo(json(example.expectedEvent()));
    }

    @Test
    void picksTheFirstMatchingCookieInSortOrder() {
        OutboundResponse response = new OutboundResponse(200, Map.of("Set-Cookie",
                List.of("zz_session=3; path=/", "SESSION=2; path=/", "other=1", "a_session=1; path=/")), "");

        IntegrationEvent event = parser.parse(vars("""
                {"cookie_search_term": "session="}"""), response);

        assertThat(event.appended()).isEqualTo(Map.of("cookie", "SESSION=2; path=/"));
    }

    @Test
    void keepsABodyReasonAndReferenceAsTheEventsOwn() {
        IntegrationEvent event = parser.parse(vars("{}"),
                response(200, JSON, "{\"reason\": \"duplicate\", \"reference\": \"abc\"}"));

        assertThat(event).isEqualTo(new IntegrationEvent(Outcome.SUCCESS, "duplicate", 0L, "abc",
                Map.of("reason", "duplicate", "reference", "abc")));
    }

    @Test
    void neverLoadsExternalEntitiesOfAnXmlResponse() {
        IntegrationEvent event = parser.parse(vars("{}"), response(200, XML,
                "<!DOCTYPE r [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]><r>[&secret;]</r>"));

        assertThat(event.appended()).isEqualTo(Map.of("r", "[]"));
    }

    @Test
    void refusesAnOutcomeOnMatchThatValidationWouldHaveRejected() {
        assertThatThrownBy(() -> parser.parse(vars("""
                {"outcome_search_term": "ok", "outcome_on_match": "donkey"}"""), response(200, TEXT, "ok")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("donkey");
    }
}
