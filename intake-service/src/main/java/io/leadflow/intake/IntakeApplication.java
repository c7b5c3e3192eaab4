package io.leadflow.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** intake-service: sources submit leads over HTTP; each is typed, checked and published to intake.lead-received. */
@SpringBootApplication
public class IntakeApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IntakeApplication.class).properties("spring.config.name=intake");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
