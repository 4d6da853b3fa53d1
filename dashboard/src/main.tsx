import { render } from "preact";
import { App } from "./App";
import { live } from "./live";
import { installLinkHandler } from "./router";
import "./styles.css";

installLinkHandler();
live.connect();
render(<App />, document.getElementById("app")!);
