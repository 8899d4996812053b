local s = `template`
