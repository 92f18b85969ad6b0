package io.socketflows.testsupport;

import java.io.File;
import java.nio.file.Path;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;


/**
 * Debian's Chromium driven through its own chromedriver, headless and quiet on the network: Selenium Manager is
 * never asked for a driver or a browser, as both paths are given.
 */
public final class Chromium {

	private static final Path BROWSER = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	/** Skips the calling test without a browser, with the reason; fails instead under {@code CI=true}. */
	public static void assumeInstalled() {
		Required.installed("chromium chromium-driver", BROWSER, DRIVER);
	}

	/**
	 * @param profile an empty directory for the browser's profile
	 * @return a browser with a window of 1280×800
	 */
	public static ChromeDriver start(Path profile) {
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(new File(BROWSER.toString()));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
				"--window-size=1280,800", "--user-data-dir=" + profile.toAbsolutePath());
		return new ChromeDriver(service, options);
	}

}
