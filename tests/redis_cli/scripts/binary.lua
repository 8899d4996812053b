return {string.char(0, 1, 200, 255), 'tab\there\r\n', '\195\169', '"q" \\'}
