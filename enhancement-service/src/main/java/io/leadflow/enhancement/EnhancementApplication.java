package io.leadflow.enhancement;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** enhancement-service: runs each lead's leading enhancement and filter steps and publishes LeadEnhanced. */
@SpringBootApplication
public class EnhancementApplication {

    /** The application with its own config file, {@code enhancement.yml}, so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(EnhancementApplication.class).properties("spring.config.name=enhancement");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
