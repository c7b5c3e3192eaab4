package io.leadflow.integrations.email;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail's SMTP server on 127.0.0.1 (a free port) that refuses some recipients as real servers do: mailboxes
 * starting with {@code unknown} for good (550), those starting with {@code busy} for now (450).
 */
final class RefusingGreenMail extends GreenMail {

    RefusingGreenMail() {
        super(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        managers = new Managers() {
            private final SmtpManager smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress recipient) {
                    if (recipient.getUser().startsWith("unknown")) {
                        return "550 5.1.1 <" + recipient.getEmail() + ">: Recipient address rejected: User unknown";
                    }
                    if (recipient.getUser().startsWith("busy")) {
                        return "450 4.2.1 <" + recipient.getEmail() + ">: Mailbox busy, try again later";
                    }
                    return super.checkRecipient(state, recipient);
                }
            };

            @Override
            public SmtpManager getSmtpManager() {
                return smtp;
            }
        };
    }

    int port() {
        return getSmtp().getPort();
    }
}
