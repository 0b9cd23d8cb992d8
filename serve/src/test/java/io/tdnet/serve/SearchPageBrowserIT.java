package io.tdnet.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver, loads {@code /}, shows the day and its execution status, searches a company code, renders
 * a hostile title as text, and opens a PDF link (status, Content-Type and the bytes' magic checked from
 * the page). Without Chromium this test FAILS: {@code .ci/run} installs it ({@code chromium chromium-driver}).
 */
@ExtendWith(EmbeddedAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPageBrowserIT {
    private ArchiveServer server;
    private ChromeDriver browser;
    private List<ArchivedDisclosure> hostileCompany;

    @BeforeAll
    void start(EmbeddedAwsStack stack) throws Exception {
        Path chromium = executable("chromium", "chromium-browser", "google-chrome")
                .orElseThrow(() -> new AssertionError("no Chromium on this machine: apt-get install chromium chromium-driver (.ci/run does)"));
        Path driver = executable("chromedriver")
                .orElseThrow(() -> new AssertionError("no chromedriver on this machine: apt-get install chromium-driver (.ci/run does)"));
        DemoDay.ensure(stack);
        var archive = DemoDay.archive(stack);
        ArchivedDisclosure hostile = archive.byDate(DemoDay.DAY)
                .filter(a -> a.disclosure().title().startsWith("=HYPERLINK(")).findFirst().orElseThrow();
        hostileCompany = archive.byCompany(hostile.disclosure().companyCode(), DemoDay.DAY, DemoDay.BUSY).toList();
        server = ArchiveServer.start(DemoDay.sources(stack), ArchiveServer.Settings.loopback(0));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    @Test
    void loadsTheDaySearchesACompanyAndOpensItsPdf() {
        browser.get(server.uri() + "?date=" + DemoDay.DAY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(b -> rows().size() == DisclosureQuery.DEFAULT_LIMIT || !browser.findElement(By.id("message")).getText().startsWith("Loading"));
        assertThat(rows()).hasSizeGreaterThan(50);
        wait.until(b -> browser.findElement(By.id("status")).getText().contains("COMPLETED_WITH_FAILURES"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("2 failed");

        // search the hostile row's company by its 4-character code, over every date
        String code = hostileCompany.get(0).disclosure().companyCode();
        browser.findElement(By.id("date")).clear();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('date').value = '';");
        WebElement codeBox = browser.findElement(By.id("code"));
        codeBox.clear();
        codeBox.sendKeys(code.substring(0, 4));
        browser.findElement(By.id("search")).click();
        wait.until(b -> rows().size() == hostileCompany.size()
                && rows().stream().allMatch(r -> r.findElements(By.tagName("td")).get(1).getText().equals(code)));
        assertThat(browser.getCurrentUrl()).endsWith("/?code=" + code.substring(0, 4));

        // the hostile title is text in its cell: no link or element was made from it
        WebElement hostileRow = rows().stream()
                .filter(r -> r.findElements(By.tagName("td")).get(3).getText().startsWith("=HYPERLINK(")).findFirst().orElseThrow();
        WebElement titleCell = hostileRow.findElements(By.tagName("td")).get(3);
        assertThat(titleCell.findElements(By.xpath("./*"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href^='http://evil.example']"))).isEmpty();

        // open its PDF link: what the browser gets is the PDF
        WebElement pdfLink = hostileRow.findElement(By.cssSelector("a.pdf-link"));
        String href = pdfLink.getAttribute("href");
        String id = hostileRow.findElement(By.cssSelector("a.pdf-link")).getDomAttribute("href").substring("/pdf/".length());
        @SuppressWarnings("unchecked")
        Map<String, Object> fetched = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) { return r.arrayBuffer().then(function (b) {"
                        + "  done({status: r.status, type: r.headers.get('content-type'), etag: r.headers.get('etag'),"
                        + "        magic: String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5))), size: b.byteLength}); }); })"
                        + ".catch(function (e) { done({error: String(e)}); });", href);
        ArchivedDisclosure doc = hostileCompany.stream().filter(a -> a.disclosure().disclosureId().value().equals(id)).findFirst().orElseThrow();
        assertThat(fetched).containsEntry("status", 200L).containsEntry("type", "application/pdf").containsEntry("magic", "%PDF-")
                .containsEntry("etag", '"' + doc.pdf().sha256() + '"').containsEntry("size", doc.pdf().bytes());

        pdfLink.click();
        wait.until(b -> b.getCurrentUrl().endsWith("/pdf/" + id));
        assertThat(browser.getCurrentUrl()).isEqualTo(server.uri().resolve("/pdf/" + id).toString());
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#results tbody tr"));
    }

    /** The first of {@code names} on the PATH (or in /usr/bin, /usr/lib/chromium), if any. */
    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/lib/chromium";
        return Stream.of(names).flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }
}
