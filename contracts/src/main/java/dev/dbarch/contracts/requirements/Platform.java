package dev.dbarch.contracts.requirements;

import java.util.List;

/** The team and the platform it runs on. */
public record Platform(
    Cloud cloud,
    Boolean managedPreferred,
    Level opsExpertise,
    Level sqlProficiency,
    List<String> existingDatabases,
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
