package io.leadflow.feedback;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The feedback service: buyers' returns and conversions matched to their lead, and each lead's timeline. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FeedbackApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(FeedbackApplication.class).properties("spring.config.name=feedback");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
