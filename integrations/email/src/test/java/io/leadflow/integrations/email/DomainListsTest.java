package io.leadflow.integrations.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainListsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            gmial.com,       gmail.com
            gmai.com,        gmail.com
            gmail.con,       gmail.com
            gamil.co,        gmail.com
            yaho.com,        yahoo.com
            hotmial.com,     hotmail.com
            outlok.com,      outlook.com
            icloud.cm,       icloud.com
            aol.co,          aol.com
            comcast.nt,      comcast.net
            gmail.com,       -
            mail.com,        -
            yahoo.co.uk,     -
            gmx.de,          -
            buyer.example,   -
            bol.com,         -
            hotmail.co.uk,   -
            """)
    void suggestsThePopularDomainOfATypo(String domain, String suggestion) {
        assertThat(DomainLists.typoOf(domain)).isEqualTo(Optional.ofNullable(suggestion));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            mailinator.com,          true
            x.mailinator.com,        true
            guerrillamail.com,       true
            10minutemail.com,        true
            gmail.com,               false
            mailinator.com.example,  false
            """)
    void knowsDisposableDomainsAndTheirSubdomains(String domain, boolean disposable) {
        assertThat(DomainLists.isDisposable(domain)).isEqualTo(disposable);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            info,          true
            Sales,         true
            admin+leads,   true
            no-reply,      true
            ada,           false
            information.desk, false
            """)
    void knowsRoleMailboxes(String user, boolean role) {
        assertThat(DomainLists.isRole(user)).isEqualTo(role);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            gmail.com,      true
            yahoo.co.uk,    true
            gmx.de,         true
            buyer.example,  false
            """)
    void knowsFreeDomains(String domain, boolean free) {
        assertThat(DomainLists.isFree(domain)).isEqualTo(free);
    }
}
