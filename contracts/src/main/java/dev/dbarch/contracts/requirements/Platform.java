package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The team and the platform it runs on. */
public record Platform(
    Cloud cloud,
    Boolean managedPreferred,
    Level opsExpertise,
    Level sqlProficiency,
    List<@NotBlank @Size(max = 200) String> existingDatabases,
    Boolean vendorLockInConcern,
    Level budgetSensitivity,
    Deployment deployment) {

  public enum Cloud {
    AWS,
    GCP,
    AZURE,
    ON_PREM
  }

  public enum Level {
    LOW,
    MEDIUM,
    HIGH
  }

  public enum Deployment {
    SERVERLESS,
    CONTAINERS,
    VMS
  }
}
