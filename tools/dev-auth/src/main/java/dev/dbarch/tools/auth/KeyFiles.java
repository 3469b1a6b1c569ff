package dev.dbarch.tools.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The local signing key pair as PEM files: {@code private-key.pem} (PKCS#8, created with mode 600
 * in a directory of mode 700, before a byte is written) and {@code public-key.pem} (X.509
 * SubjectPublicKeyInfo, what the services verify tokens with).
 */
public final class KeyFiles {

  public static final String PRIVATE_KEY = "private-key.pem";
  public static final String PUBLIC_KEY = "public-key.pem";

  private KeyFiles() {}

  /** A new 2048-bit RSA key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot generate RSA keys", e);
    }
  }

  /**
   * Creates the key pair in {@code dir} unless its private key exists; rewrites the public key from
   * the private one either way, so the two always match.
   *
   * @return whether a new pair was created
   */
  public static boolean ensure(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrict(dir, "rwx------");
    Path privateFile = dir.resolve(PRIVATE_KEY);
    boolean created = false;
    if (!Files.exists(privateFile)) {
      KeyPair pair = generate();
      try {
        createPrivate(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        created = true;
      } catch (FileAlreadyExistsException raced) {
        // Another ./dbarch created it meanwhile: use theirs.
      }
    }
    PublicKey publicKey = publicOf(readPrivate(privateFile));
    Files.writeString(dir.resolve(PUBLIC_KEY), pem("PUBLIC KEY", publicKey.getEncoded()));
    return created;
  }

  public static PrivateKey readPrivate(Path file) throws IOException {
    return privateFromPem(Files.readString(file, StandardCharsets.US_ASCII));
  }

  public static PrivateKey privateFromPem(String pem) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(decode(pem, "PRIVATE KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Not an RSA private key in PKCS#8 PEM form", e);
    }
  }

  /** The public half of an RSA private key (its modulus and public exponent). */
  public static PublicKey publicOf(PrivateKey key) {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalArgumentException("Not an RSA private key with its public exponent");
    }
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] decode(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("No " + type + " PEM block");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }

  private static void createPrivate(Path file, String pem) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  private static void restrict(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: nothing to tighten.
    }
  }
}
